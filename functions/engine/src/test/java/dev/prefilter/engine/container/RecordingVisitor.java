package dev.prefilter.engine.container;

import dev.prefilter.engine.container.io.MemberVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects what a reader hands back, for reader-level tests without an engine. */
public final class RecordingVisitor implements MemberVisitor {

    public record Listed(long size, boolean encrypted, Map<String, Object> facts) {}

    public final Map<String, byte[]> files = new LinkedHashMap<>();
    public final Map<String, Map<String, Object>> facts = new LinkedHashMap<>();
    public final Map<String, Long> compressed = new LinkedHashMap<>();
    public final Map<String, Listed> listed = new LinkedHashMap<>();
    private final int maxMembers;
    public int visits;

    public RecordingVisitor() {
        this(Integer.MAX_VALUE);
    }

    public RecordingVisitor(int maxMembers) {
        this.maxMembers = maxMembers;
    }

    @Override
    public boolean visit() {
        visits++;
        return visits <= MemberSink.MAX_ENTRIES_VISITED;
    }

    @Override
    public boolean file(String path, InputStream data, long compressedSize, Map<String, Object> facts)
            throws IOException {
        files.put(path, data.readAllBytes());
        this.facts.put(path, facts);
        compressed.put(path, compressedSize);
        return files.size() + listed.size() < maxMembers;
    }

    @Override
    public boolean listed(String path, long size, boolean encrypted, Map<String, Object> facts) {
        listed.put(path, new Listed(size, encrypted, facts));
        return files.size() + listed.size() < maxMembers;
    }
}
