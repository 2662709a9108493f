package dev.prefilter.engine.container.vhd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds fixed, dynamic and differencing VHD files around a raw disk, for tests. */
public final class VhdWriter {

    private VhdWriter() {}

    /** A fixed VHD: the raw disk, then the footer. */
    public static byte[] fixed(byte[] raw) {
        byte[] disk = Arrays.copyOf(raw, (raw.length + 511) / 512 * 512);
        byte[] out = Arrays.copyOf(disk, disk.length + 512);
        System.arraycopy(footer(VhdFooter.FIXED, -1, disk.length), 0, out, disk.length, 512);
        return out;
    }

    public static byte[] dynamic(byte[] raw, int blockSize) {
        return sparse(raw, blockSize, VhdFooter.DYNAMIC);
    }

    public static byte[] differencing(byte[] raw, int blockSize) {
        return sparse(raw, blockSize, VhdFooter.DIFFERENCING);
    }

    /** Footer copy, dynamic header, block table, the blocks that hold anything, footer. */
    private static byte[] sparse(byte[] raw, int blockSize, int type) {
        long size = (raw.length + 511) / 512 * 512L;
        int blocks = (int) ((size + blockSize - 1) / blockSize);
        int tableBytes = (blocks * 4 + 511) / 512 * 512;
        int bitmapBytes = ((blockSize / 512 + 7) / 8 + 511) / 512 * 512;
        byte[] footer = footer(type, 512, size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(footer);
        byte[] header = new byte[1024];
        ascii(header, 0, "cxsparse");
        be(header, 8, -1L, 8);
        be(header, 16, 1536, 8);
        be(header, 24, 0x00010000, 4);
        be(header, 28, blocks, 4);
        be(header, 32, blockSize, 4);
        be(header, 36, checksum(header, 36), 4);
        out.writeBytes(header);
        byte[] table = new byte[tableBytes];
        Arrays.fill(table, (byte) 0xFF);
        long next = (1536 + tableBytes) / 512;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int b = 0; b < blocks; b++) {
            int from = b * blockSize;
            int to = (int) Math.min(raw.length, (long) from + blockSize);
            byte[] block = Arrays.copyOf(Arrays.copyOfRange(raw, from, Math.max(from, to)), blockSize);
            if (allZero(block)) {
                continue;
            }
            be(table, b * 4, next, 4);
            byte[] bitmap = new byte[bitmapBytes];
            Arrays.fill(bitmap, (byte) 0xFF);
            data.writeBytes(bitmap);
            data.writeBytes(block);
            next += (bitmapBytes + blockSize) / 512;
        }
        out.writeBytes(table);
        out.writeBytes(data.toByteArray());
        out.writeBytes(footer);
        return out.toByteArray();
    }

    static byte[] footer(int type, long dataOffset, long size) {
        byte[] f = new byte[512];
        ascii(f, 0, "conectix");
        be(f, 8, 2, 4);
        be(f, 12, 0x00010000, 4);
        be(f, 16, dataOffset, 8);
        ascii(f, 28, "test");
        be(f, 32, 0x000A0000, 4);
        ascii(f, 36, "Wi2k");
        be(f, 40, size, 8);
        be(f, 48, size, 8);
        be(f, 56, 0x03FF10FFL, 4);
        be(f, 60, type, 4);
        for (int i = 68; i < 84; i++) {
            f[i] = (byte) (i * 7);
        }
        be(f, 64, checksum(f, 64), 4);
        return f;
    }

    static long checksum(byte[] b, int checksumAt) {
        long sum = 0;
        for (int i = 0; i < b.length; i++) {
            if (i < checksumAt || i >= checksumAt + 4) {
                sum += b[i] & 0xff;
            }
        }
        return ~sum & 0xFFFFFFFFL;
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    static void be(byte[] b, int at, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[at + bytes - 1 - i] = (byte) (v >>> (8 * i));
        }
    }

    static void ascii(byte[] b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, at, bytes.length);
    }
}
