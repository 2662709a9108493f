package dev.prefilter.engine.binary;

/** Little- and big-endian field access on header buffers. */
public final class Bytes {

    private Bytes() {}

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16le(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    public static long u32le(byte[] b, int off) {
        return ((long) u16le(b, off)) | ((long) u16le(b, off + 2)) << 16;
    }

    public static long u64le(byte[] b, int off) {
        return u32le(b, off) | u32le(b, off + 4) << 32;
    }

    public static int u16be(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    public static long u32be(byte[] b, int off) {
        return ((long) u16be(b, off)) << 16 | u16be(b, off + 2);
    }

    public static long u64be(byte[] b, int off) {
        return u32be(b, off) << 32 | u32be(b, off + 4);
    }

    public static boolean startsWith(byte[] b, int off, String ascii) {
        if (off < 0 || off + ascii.length() > b.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[off + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII of a fixed-width field, for evidence. */
    public static String ascii(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(len);
        for (int i = off; i < off + len && i < b.length; i++) {
            int c = b[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return s.toString().strip();
    }

    /** A GUID in its usual text form; the first three fields are little-endian on disk. */
    public static String guid(byte[] b, int off) {
        return String.format(
                java.util.Locale.ROOT,
                "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                u32le(b, off),
                u16le(b, off + 4),
                u16le(b, off + 6),
                b[off + 8],
                b[off + 9],
                b[off + 10],
                b[off + 11],
                b[off + 12],
                b[off + 13],
                b[off + 14],
                b[off + 15]);
    }
}
