package dev.prefilter.engine.container.vhd;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Builds VHDX files for tests: identifier, two headers, two region tables, an empty log, the block
 * allocation table and the metadata region, then the 1 MiB payload blocks that hold anything.
 */
public final class VhdxWriter {

    static final int MB = 1 << 20;
    private static final int BLOCK = MB;
    private static final long CHUNK_RATIO = (1L << 23) * 512 / BLOCK;

    private boolean parent;
    private boolean pendingLog;

    public VhdxWriter differencing() {
        this.parent = true;
        return this;
    }

    public VhdxWriter pendingLog() {
        this.pendingLog = true;
        return this;
    }

    /** Header 1 at 64 KiB, header 2 at 128 KiB, region tables at 192 and 256 KiB. */
    public static final int HEADER_1 = 64 * 1024;

    public static final int HEADER_2 = 128 * 1024;

    public byte[] build(byte[] raw) {
        long virtualSize = (raw.length + 511) / 512 * 512L;
        int blocks = (int) ((virtualSize + BLOCK - 1) / BLOCK);
        int present = 0;
        for (int b = 0; b < blocks; b++) {
            if (!zero(raw, b)) {
                present++;
            }
        }
        byte[] file = new byte[4 * MB + present * BLOCK];
        ascii(file, 0, "vhdxfile");
        byte[] creator = "prefilter test".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(creator, 0, file, 8, creator.length);
        header(file, HEADER_1, 1);
        header(file, HEADER_2, 2);
        regionTable(file, 3 * 64 * 1024);
        regionTable(file, 4 * 64 * 1024);
        metadata(file, 3 * MB, virtualSize);
        int next = 4;
        for (int b = 0; b < blocks; b++) {
            if (zero(raw, b)) {
                continue;
            }
            long index = b + b / CHUNK_RATIO;
            le(file, (int) (2 * MB + index * 8), ((long) next << 20) | 6, 8);
            int from = b * BLOCK;
            System.arraycopy(raw, from, file, next * MB, Math.min(BLOCK, raw.length - from));
            next++;
        }
        return file;
    }

    private void header(byte[] file, int at, long sequence) {
        byte[] h = new byte[4096];
        ascii(h, 0, "head");
        le(h, 8, sequence, 8);
        for (int i = 16; i < 48; i++) {
            h[i] = (byte) (i * 3 + 1);
        }
        if (pendingLog) {
            h[48] = 1;
        }
        le(h, 66, 1, 2);
        le(h, 68, MB, 4);
        le(h, 72, MB, 8);
        crc(h, 4);
        System.arraycopy(h, 0, file, at, h.length);
    }

    private static void regionTable(byte[] file, int at) {
        byte[] r = new byte[64 * 1024];
        ascii(r, 0, "regi");
        le(r, 8, 2, 4);
        guid(r, 16, "2dc27766-f623-4200-9d64-115e9bfd4a08");
        le(r, 32, 2 * MB, 8);
        le(r, 40, MB, 4);
        le(r, 44, 1, 4);
        guid(r, 48, "8b7ca206-4790-4b9a-b8fe-575f050f886e");
        le(r, 64, 3 * MB, 8);
        le(r, 72, MB, 4);
        le(r, 76, 1, 4);
        crc(r, 4);
        System.arraycopy(r, 0, file, at, r.length);
    }

    private void metadata(byte[] file, int at, long virtualSize) {
        ascii(file, at, "metadata");
        le(file, at + 10, 3, 2);
        int items = 64 * 1024;
        entry(file, at + 32, "caa16737-fa36-4d43-b3b6-33f0aa44e76b", items, 8, 4);
        entry(file, at + 64, "2fa54224-cd1b-4876-b211-5dbed83bf4b8", items + 8, 8, 6);
        entry(file, at + 96, "8141bf1d-a96f-4709-ba47-f233a8faab5f", items + 16, 4, 6);
        le(file, at + items, BLOCK, 4);
        le(file, at + items + 4, parent ? 2 : 0, 4);
        le(file, at + items + 8, virtualSize, 8);
        le(file, at + items + 16, 512, 4);
    }

    private static void entry(byte[] file, int at, String id, int offset, int length, int flags) {
        guid(file, at, id);
        le(file, at + 16, offset, 4);
        le(file, at + 20, length, 4);
        le(file, at + 24, flags, 4);
    }

    private static boolean zero(byte[] raw, int block) {
        int from = block * BLOCK;
        int to = Math.min(raw.length, from + BLOCK);
        for (int i = from; i < to; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static void crc(byte[] b, int at) {
        Arrays.fill(b, at, at + 4, (byte) 0);
        CRC32C crc = new CRC32C();
        crc.update(b);
        le(b, at, crc.getValue(), 4);
    }

    static void guid(byte[] b, int at, String text) {
        String hex = text.replace("-", "");
        byte[] raw = new byte[16];
        for (int i = 0; i < 16; i++) {
            raw[i] = (byte) Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16);
        }
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
        for (int i = 0; i < 16; i++) {
            b[at + i] = raw[order[i]];
        }
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
