package dev.prefilter.engine.lnk;

import dev.prefilter.engine.binary.Bytes;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounded little-endian view of part of a byte array. Offsets are relative to the view; every
 * read is checked against the view's end and fails with {@link ShortcutFormatException} naming the
 * absolute offset, so that no size field in a file can make a reader step outside its structure.
 */
final class ByteSpan {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final byte[] data;
    /** Index in {@code data} of the shortcut's first byte: offsets in messages count from there. */
    private final int origin;

    private final int start;
    private final int end;

    private ByteSpan(byte[] data, int origin, int start, int end) {
        this.data = data;
        this.origin = origin;
        this.start = start;
        this.end = end;
    }

    static ByteSpan of(byte[] data, int length) {
        return of(data, 0, length);
    }

    /** The {@code length} bytes at {@code offset}, a shortcut of its own: its offsets count from {@code offset}. */
    static ByteSpan of(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside 0.." + data.length);
        }
        return new ByteSpan(data, offset, offset, offset + length);
    }

    int length() {
        return end - start;
    }

    /** An offset in this view as an offset in the whole shortcut. */
    long absolute(int offset) {
        return (long) start - origin + offset;
    }

    /** Whether {@code count} bytes starting at {@code offset} lie inside this view. */
    boolean has(long offset, long count) {
        return offset >= 0 && count >= 0 && offset + count <= length();
    }

    void require(long offset, long count, String what) throws ShortcutFormatException {
        if (!has(offset, count)) {
            throw new ShortcutFormatException(
                    what + " of " + count + " bytes at offset " + (absolute(0) + offset)
                            + " runs past the end of its structure at " + absolute(length()),
                    absolute((int) Math.max(0, Math.min(offset, length()))));
        }
    }

    ByteSpan slice(long offset, long count, String what) throws ShortcutFormatException {
        require(offset, count, what);
        return new ByteSpan(data, origin, start + (int) offset, start + (int) offset + (int) count);
    }

    /** The view from {@code offset} to its end. */
    ByteSpan from(long offset, String what) throws ShortcutFormatException {
        return slice(offset, length() - offset, what);
    }

    int u8(int offset) throws ShortcutFormatException {
        require(offset, 1, "a byte");
        return data[start + offset] & 0xFF;
    }

    int u16(int offset) throws ShortcutFormatException {
        require(offset, 2, "a 16-bit value");
        int p = start + offset;
        return Bytes.u16le(data, p);
    }

    int i32(int offset) throws ShortcutFormatException {
        require(offset, 4, "a 32-bit value");
        int p = start + offset;
        return (int) Bytes.u32le(data, p);
    }

    long u32(int offset) throws ShortcutFormatException {
        return i32(offset) & 0xFFFF_FFFFL;
    }

    long i64(int offset) throws ShortcutFormatException {
        return u32(offset) | u32(offset + 4) << 32;
    }

    /** A GUID in its registry form without braces, e.g. {@code 20D04FE0-3AEA-1069-A2D8-08002B30309D}. */
    String guid(int offset) throws ShortcutFormatException {
        require(offset, 16, "a GUID");
        StringBuilder s = new StringBuilder(36);
        hex(s, u32(offset), 8).append('-');
        hex(s, u16(offset + 4), 4).append('-');
        hex(s, u16(offset + 6), 4).append('-');
        for (int i = 8; i < 16; i++) {
            if (i == 10) s.append('-');
            hex(s, data[start + offset + i] & 0xFF, 2);
        }
        return s.toString();
    }

    byte[] copy(int offset, int count) throws ShortcutFormatException {
        require(offset, count, "a byte range");
        return Arrays.copyOfRange(data, start + offset, start + offset + count);
    }

    /**
     * A string of single- or multi-byte characters that ends at the first NUL or after
     * {@code maxBytes} bytes, whichever comes first; the view's end also ends it.
     */
    String ansi(int offset, int maxBytes, Charset charset) throws ShortcutFormatException {
        require(offset, 0, "a string");
        int limit = (int) Math.min((long) offset + Math.max(0, maxBytes), length());
        int p = start + offset;
        int stop = start + limit;
        int nul = p;
        while (nul < stop && data[nul] != 0) nul++;
        return decode(charset, p, nul - p);
    }

    /** A UTF-16LE string that ends at the first NUL character, after {@code maxBytes} bytes, or at the view's end. */
    String utf16(int offset, int maxBytes) throws ShortcutFormatException {
        require(offset, 0, "a string");
        int limit = (int) Math.min((long) offset + Math.max(0, maxBytes), length());
        int p = start + offset;
        int stop = start + limit;
        int nul = p;
        while (nul + 1 < stop && (data[nul] != 0 || data[nul + 1] != 0)) nul += 2;
        int bytes = nul + 1 < stop ? nul - p : stop - p;
        return decode(StandardCharsets.UTF_16LE, p, bytes);
    }

    /** The offset just past the NUL that ends a single-byte string at {@code offset}, or the view's end. */
    int afterAnsi(int offset) {
        int p = Math.max(0, offset);
        while (p < length() && data[start + p] != 0) p++;
        return Math.min(p + 1, length());
    }

    /** The offset just past the NUL character that ends a UTF-16 string at {@code offset}, or the view's end. */
    int afterUtf16(int offset) {
        int p = Math.max(0, offset);
        while (p + 1 < length() && (data[start + p] != 0 || data[start + p + 1] != 0)) p += 2;
        return Math.min(p + 2, length());
    }

    int indexOf(byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= length(); i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[start + i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** Undecodable bytes become U+FFFD, as the reference parsers do, rather than failing the string. */
    private String decode(Charset charset, int from, int count) {
        return count <= 0 ? "" : new String(data, from, count, charset);
    }

    private static StringBuilder hex(StringBuilder s, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            s.append(HEX[(int) (value >>> shift) & 0xF]);
        }
        return s;
    }
}
