package dev.prefilter.engine.office;

import static dev.prefilter.engine.binary.Bytes.u16le;
import static dev.prefilter.engine.binary.Bytes.u32le;

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

    /**
     * A Compound File whose header points past its end (the directory or a FAT sector lies
     * wholly beyond the last byte). POI then shows an empty or partial tree without complaint,
     * which would read as "no macros"; a truncated attachment must not pass as clean.
     */
    public static Optional<String> truncation(Content content) throws IOException {
        byte[] h = content.head(512);
        if (h.length < 512 || !hasMagic(h)) return Optional.empty();
        int shift = u16le(h, 0x1E);
        if (shift != 9 && shift != 12) return Optional.of("sector size 2^" + shift + " is not 512 or 4096");
        long size = content.size();
        long directory = u32le(h, 0x30);
        if (beyond(directory, shift, size))
            return Optional.of(
                    "the directory (sector " + directory + ") lies beyond the end of the " + size + "-byte file");
        long fatSectors = u32le(h, 0x2C);
        int sectorSize = 1 << shift;
        try (java.nio.channels.SeekableByteChannel ch = content.openChannel()) {
            java.nio.ByteBuffer fat = java.nio.ByteBuffer.allocate(sectorSize).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < Math.min(109, fatSectors); i++) {
                long sector = u32le(h, 0x4C + 4 * i);
                if (sector >= 0xFFFFFFFAL) continue;
                if (beyond(sector, shift, size))
                    return Optional.of("FAT sector " + sector + " lies beyond the end of the " + size + "-byte file");
                // every sector the FAT marks as used must exist
                fat.clear();
                ch.position((sector + 1) << shift);
                while (fat.hasRemaining() && ch.read(fat) > 0) {
                    // fill the sector
                }
                fat.flip();
                long base = (long) i * (sectorSize / 4);
                for (int e = 0; fat.remaining() >= 4; e++) {
                    long next = fat.getInt() & 0xffffffffL;
                    long described = base + e;
                    if (next != 0xFFFFFFFFL && beyond(described, shift, size)) {
                        return Optional.of("sector " + described + " is in use but lies beyond the end of the " + size
                                + "-byte file");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean beyond(long sector, int shift, long size) {
        return sector < 0xFFFFFFFAL && ((sector + 1) << shift) >= size + (1L << shift);
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
