package dev.prefilter.engine.container.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Where container readers send what they find; the container analyzers send it on to the engine. */
public interface MemberVisitor {

    /** Counts one directory entry; false means stop walking. */
    boolean visit();

    /**
     * A member with its bytes, read by the engine before this returns.
     *
     * @param compressedSize stored size when compressed, -1 when the bytes are stored as they are
     * @return false when no more members are wanted
     */
    boolean file(String path, InputStream data, long compressedSize, Map<String, Object> facts) throws IOException;

    /** A member whose bytes cannot be produced: listed by name, with empty content. */
    boolean listed(String path, long size, boolean encrypted, Map<String, Object> facts) throws IOException;
}
