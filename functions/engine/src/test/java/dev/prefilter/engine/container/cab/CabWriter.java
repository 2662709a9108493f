package dev.prefilter.engine.container.cab;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Builds cabinets for tests: folders stored, MSZIP (each 32 KiB block a raw deflate stream with
 * the previous output as preset dictionary), LZX (through {@link LzxTestEncoder}) or marked as
 * Quantum; optional reserve areas, multi-cabinet flags, and CFDATA checksums. Records where the
 * file entries and data blocks went so tests can damage them.
 */
public final class CabWriter {

    public static final int STORED = 0;
    public static final int MSZIP = 1;
    public static final int QUANTUM = 2 | (7 << 4) | (21 << 8);

    public static int lzx(int windowBits) {
        return 3 | (windowBits << 8);
    }

    private record FileSpec(String name, byte[] data, int attributes) {}

    private static final class FolderSpec {
        final int compression;
        final List<FileSpec> files = new ArrayList<>();
        List<LzxTestEncoder.Block> lzxBlocks = List.of(LzxTestEncoder.Block.VERBATIM);
        int lzxBlockSize = 1 << 20;
        int e8FileSize;

        FolderSpec(int compression) {
            this.compression = compression;
        }
    }

    private final List<FolderSpec> folders = new ArrayList<>();
    private final List<FileSpec> extraEntries = new ArrayList<>();
    private final List<Integer> extraFolders = new ArrayList<>();
    private final List<Long> extraOffsets = new ArrayList<>();
    private boolean next;
    private boolean checksums = true;
    private int reserveHeader;
    private int reserveFolder;
    private int reserveData;
    /** Offsets of each file entry and of each data block, filled by {@link #build()}. */
    public final List<Integer> fileEntryOffsets = new ArrayList<>();

    public final List<Integer> dataBlockOffsets = new ArrayList<>();

    public CabWriter folder(int compression) {
        folders.add(new FolderSpec(compression));
        return this;
    }

    /** LZX block kinds (cycled) and block size for the current folder, and the E8 translation size (0 = off). */
    public CabWriter lzxBlocks(List<LzxTestEncoder.Block> kinds, int blockSize, int e8FileSize) {
        FolderSpec f = folders.get(folders.size() - 1);
        f.lzxBlocks = kinds;
        f.lzxBlockSize = blockSize;
        f.e8FileSize = e8FileSize;
        return this;
    }

    public CabWriter file(String name, byte[] data) {
        return file(name, data, 0x20);
    }

    public CabWriter file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public CabWriter file(String name, byte[] data, int attributes) {
        folders.get(folders.size() - 1).files.add(new FileSpec(name, data, attributes));
        return this;
    }

    /** A file entry that points wherever the test says: another folder index, an overlapping offset. */
    public CabWriter rawEntry(String name, int size, int folder, long offset) {
        extraEntries.add(new FileSpec(name, new byte[size], 0x20));
        extraFolders.add(folder);
        extraOffsets.add(offset);
        return this;
    }

    public CabWriter continuesInNextCabinet() {
        this.next = true;
        return this;
    }

    public CabWriter noChecksums() {
        this.checksums = false;
        return this;
    }

    public CabWriter reserve(int header, int folder, int data) {
        this.reserveHeader = header;
        this.reserveFolder = folder;
        this.reserveData = data;
        return this;
    }

    public byte[] build() {
        boolean reserve = reserveHeader + reserveFolder + reserveData > 0;
        int headerSize = 36 + (reserve ? 4 + reserveHeader : 0);
        byte[] nextNames = next ? "next.cab\0disk 2\0".getBytes(StandardCharsets.US_ASCII) : new byte[0];
        int foldersAt = headerSize + nextNames.length;
        int filesAt = foldersAt + folders.size() * (8 + reserveFolder);
        ByteArrayOutputStream files = new ByteArrayOutputStream();
        List<byte[]> folderData = new ArrayList<>();
        List<Integer> blockCounts = new ArrayList<>();
        int fileCount = 0;
        for (int f = 0; f < folders.size(); f++) {
            FolderSpec folder = folders.get(f);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (FileSpec file : folder.files) {
                fileEntryOffsets.add(filesAt + files.size());
                writeEntry(files, file, stream.size(), f);
                stream.writeBytes(file.data());
                fileCount++;
            }
            List<byte[][]> blocks = blocks(folder, stream.toByteArray());
            blockCounts.add(blocks.size());
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (byte[][] block : blocks) {
                data.writeBytes(cfdata(block[0], block[1].length));
            }
            folderData.add(data.toByteArray());
        }
        for (int i = 0; i < extraEntries.size(); i++) {
            fileEntryOffsets.add(filesAt + files.size());
            writeEntry(files, extraEntries.get(i), extraOffsets.get(i), extraFolders.get(i));
            fileCount++;
        }
        int dataAt = filesAt + files.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[headerSize];
        ascii(header, 0, "MSCF");
        header[24] = 3;
        header[25] = 1;
        le(header, 26, folders.size(), 2);
        le(header, 28, fileCount, 2);
        le(header, 30, (next ? 2 : 0) | (reserve ? 4 : 0), 2);
        le(header, 32, 0x1234, 2);
        le(header, 16, filesAt, 4);
        if (reserve) {
            le(header, 36, reserveHeader, 2);
            header[38] = (byte) reserveFolder;
            header[39] = (byte) reserveData;
        }
        out.writeBytes(header);
        out.writeBytes(nextNames);
        int at = dataAt;
        for (int f = 0; f < folders.size(); f++) {
            byte[] entry = new byte[8 + reserveFolder];
            le(entry, 0, at, 4);
            le(entry, 4, blockCounts.get(f), 2);
            le(entry, 6, folders.get(f).compression, 2);
            out.writeBytes(entry);
            int p = at;
            byte[] data = folderData.get(f);
            int q = 0;
            while (q < data.length) {
                dataBlockOffsets.add(p + q);
                int compressed = (data[q + 4] & 0xFF) | (data[q + 5] & 0xFF) << 8;
                q += 8 + reserveData + compressed;
            }
            at += data.length;
        }
        out.writeBytes(files.toByteArray());
        folderData.forEach(out::writeBytes);
        byte[] cab = out.toByteArray();
        le(cab, 8, cab.length, 4);
        return cab;
    }

    private static void writeEntry(ByteArrayOutputStream files, FileSpec file, long offset, int folder) {
        byte[] name = file.name().getBytes(StandardCharsets.UTF_8);
        boolean utf8 = name.length != file.name().length();
        byte[] entry = new byte[16];
        le(entry, 0, file.data().length, 4);
        le(entry, 4, offset, 4);
        le(entry, 8, folder, 2);
        le(entry, 10, 0x5821, 2);
        le(entry, 12, 0x6000, 2);
        le(entry, 14, file.attributes() | (utf8 ? 0x80 : 0), 2);
        files.writeBytes(entry);
        files.writeBytes(name);
        files.write(0);
    }

    /** {compressed, uncompressed} per CFDATA block. */
    private static List<byte[][]> blocks(FolderSpec folder, byte[] stream) {
        List<byte[][]> blocks = new ArrayList<>();
        int method = folder.compression & 0xF;
        if (method == 3) {
            List<byte[]> frames = new LzxTestEncoder((folder.compression >>> 8) & 0x1F)
                    .encode(stream, folder.lzxBlocks, folder.lzxBlockSize, folder.e8FileSize);
            for (int i = 0; i < frames.size(); i++) {
                int from = i * 32_768;
                blocks.add(new byte[][] {
                    frames.get(i), Arrays.copyOfRange(stream, from, Math.min(stream.length, from + 32_768))
                });
            }
            return blocks;
        }
        byte[] history = new byte[0];
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        for (int from = 0; from < stream.length; from += 32_768) {
            byte[] chunk = Arrays.copyOfRange(stream, from, Math.min(stream.length, from + 32_768));
            byte[] compressed;
            if (method == 1) {
                deflater.reset();
                if (history.length > 0) {
                    deflater.setDictionary(history);
                }
                deflater.setInput(chunk);
                deflater.finish();
                ByteArrayOutputStream z = new ByteArrayOutputStream();
                z.write('C');
                z.write('K');
                byte[] buffer = new byte[65_536];
                while (!deflater.finished()) {
                    int n = deflater.deflate(buffer);
                    z.write(buffer, 0, n);
                }
                compressed = z.toByteArray();
                history = chunk;
            } else if (method == 2) {
                compressed = Arrays.copyOf(chunk, Math.max(1, chunk.length / 3));
            } else {
                compressed = chunk;
            }
            blocks.add(new byte[][] {compressed, chunk});
        }
        deflater.end();
        return blocks;
    }

    private byte[] cfdata(byte[] compressed, int uncompressed) {
        byte[] block = new byte[8 + reserveData + compressed.length];
        le(block, 4, compressed.length, 2);
        le(block, 6, uncompressed, 2);
        System.arraycopy(compressed, 0, block, 8 + reserveData, compressed.length);
        if (checksums) {
            le(block, 0, CabChecksum.of(compressed, Arrays.copyOf(block, 8)), 4);
        }
        return block;
    }

    static void le(byte[] b, int at, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void ascii(byte[] b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, at, bytes.length);
    }
}
