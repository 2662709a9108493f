package dev.prefilter.engine.office;

import dev.prefilter.engine.content.Content;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Opens Compound File Binary content with POI within the scan's memory bound. */
public final class Ole2Files {

    private static final byte[] MAGIC = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };

    private Ole2Files() {}

    public static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) return false;
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) return false;
        }
        return true;
    }

    /**
     * Opens the node read-only: from its spill file when it has one (POI reads blocks on
     * demand), else from memory, refusing content above {@code maxInMemory}.
     */
    public static POIFSFileSystem open(Content content, long maxInMemory) throws IOException {
        if (content.file().isPresent()) {
            return new POIFSFileSystem(content.file().get().toFile(), true);
        }
        return new POIFSFileSystem(new ByteArrayInputStream(content.readAll(maxInMemory)));
    }

    public static POIFSFileSystem open(byte[] bytes) throws IOException {
        return new POIFSFileSystem(new ByteArrayInputStream(bytes));
    }

    /** The document named {@code name} (case-insensitive, as Office treats storage names) in {@code dir}. */
    public static Optional<DocumentEntry> document(DirectoryNode dir, String name) {
        for (Entry e : dir) {
            if (e instanceof DocumentEntry doc && e.getName().equalsIgnoreCase(name)) return Optional.of(doc);
        }
        return Optional.empty();
    }

    public static Optional<DirectoryNode> directory(DirectoryNode dir, String name) {
        for (Entry e : dir) {
            if (e instanceof DirectoryNode sub && e.getName().equalsIgnoreCase(name)) return Optional.of(sub);
        }
        return Optional.empty();
    }

    /**
     * Reads a stream, refusing one above {@code max} bytes. A stream whose sector chain is broken
     * fails with an IOException, so that one damaged stream does not end the reading of the others.
     */
    public static byte[] read(DocumentEntry doc, long max) throws IOException {
        if (doc.getSize() > max) {
            throw new IOException(
                    "stream " + doc.getName() + " of " + doc.getSize() + " bytes is above the " + max + "-byte bound");
        }
        return DamagedInput.guard(() -> {
            try (InputStream in = new DocumentInputStream(doc)) {
                return in.readNBytes(doc.getSize());
            }
        });
    }
}
