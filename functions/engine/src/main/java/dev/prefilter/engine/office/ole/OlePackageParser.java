package dev.prefilter.engine.office.ole;

import dev.prefilter.engine.binary.Bytes;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the Packager native data format, as found in an {@code \u0001Ole10Native} stream (with a
 * leading 32-bit total size) or as the native data of an OLE1 object of class {@code Package}
 * (without it). Tolerant like oletools' oleobj: a declared size past the end is clamped and
 * flagged, the trailing Unicode copies of the names are used when present, and a "Command Line"
 * package (type 1), which POI's {@code Ole10Native} cannot read, is understood.
 *
 * <pre>
 * [u32 total size]  u16 0x0002  label\0  source path\0  u16 reserved  u16 type
 * type 3 (file):    u32 n, temp path (n bytes)  u32 n, data (n bytes)
 *                   [u32 n, temp path UTF-16 (n chars)  u32 n, label UTF-16  u32 n, source path UTF-16]
 * type 1 (command): u32 n, command (n bytes) | u16, command\0
 * </pre>
 */
public final class OlePackageParser {

    private static final Charset ANSI = Charset.forName("windows-1252");
    private static final int MAX_STRING = 32 * 1024;
    private static final int TYPE_LINK = 1;
    private static final int TYPE_FILE = 3;

    private OlePackageParser() {}

    /** Whether the bytes start like package native data (after the size prefix, when there is one). */
    public static boolean looksLikePackage(byte[] data, boolean sizePrefixed) {
        int at = sizePrefixed ? 4 : 0;
        return data.length >= at + 4 && (data[at] & 0xff) == 2 && data[at + 1] == 0;
    }

    public static OlePackage parse(byte[] data, boolean sizePrefixed) throws MalformedObjectException {
        Reader r = new Reader(data);
        if (sizePrefixed) {
            long total = r.u32("total size");
            if (total > 0 && total + 4 < data.length) {
                r.end = (int) total + 4;
            }
        }
        int header = r.u16("header");
        if (header != 2) {
            throw new MalformedObjectException("not an OLE Package: header " + header + " instead of 2");
        }
        String label = r.asciiz("label");
        String source = r.asciiz("source path");
        r.u16("reserved");
        int type = r.u16("type");
        if (type == TYPE_LINK) {
            return new OlePackage(OlePackage.Kind.COMMAND, label, source, null, readCommand(r), null, false);
        }
        if (type != TYPE_FILE) {
            throw new MalformedObjectException("unknown OLE Package type " + type);
        }
        String temp = r.counted("temp path");
        long declared = r.u32("data size");
        boolean truncated = declared > r.remaining();
        int size = (int) Math.min(declared, r.remaining());
        byte[] payload = Arrays.copyOfRange(data, r.pos, r.pos + size);
        r.pos += size;
        String tempW = r.optionalUtf16();
        String labelW = r.optionalUtf16();
        String sourceW = r.optionalUtf16();
        return new OlePackage(
                OlePackage.Kind.FILE,
                prefer(labelW, label),
                prefer(sourceW, source),
                prefer(tempW, temp),
                null,
                payload,
                truncated);
    }

    private static String readCommand(Reader r) throws MalformedObjectException {
        if (r.remaining() >= 4) {
            long n = r.peekU32();
            if (n > 0 && n <= r.remaining() - 4 && r.data[r.pos + 4 + (int) n - 1] == 0) {
                return r.counted("command");
            }
        }
        if (r.remaining() >= 2) {
            r.u16("command flags");
            return r.asciiz("command");
        }
        throw new MalformedObjectException("OLE Package command line missing");
    }

    private static String prefer(String unicode, String ansi) {
        return unicode != null && !unicode.isBlank() ? unicode : ansi;
    }

    private static final class Reader {
        final byte[] data;
        int pos;
        int end;

        Reader(byte[] data) {
            this.data = data;
            this.end = data.length;
        }

        int remaining() {
            return end - pos;
        }

        int u16(String what) throws MalformedObjectException {
            need(2, what);
            int v = Bytes.u16le(data, pos);
            pos += 2;
            return v;
        }

        long peekU32() {
            return Bytes.u32le(data, pos);
        }

        long u32(String what) throws MalformedObjectException {
            need(4, what);
            long v = peekU32();
            pos += 4;
            return v;
        }

        String asciiz(String what) throws MalformedObjectException {
            int limit = Math.min(end, pos + MAX_STRING);
            for (int i = pos; i < limit; i++) {
                if (data[i] == 0) {
                    String s = new String(data, pos, i - pos, ANSI);
                    pos = i + 1;
                    return s;
                }
            }
            throw new MalformedObjectException("OLE Package " + what + " is not terminated");
        }

        /** A u32 byte count, then that many bytes of ANSI text ending in NUL. */
        String counted(String what) throws MalformedObjectException {
            long n = u32(what + " length");
            if (n > remaining() || n > MAX_STRING) {
                throw new MalformedObjectException("OLE Package " + what + " length " + n + " runs past the data");
            }
            int len = (int) n;
            int textLen = len;
            while (textLen > 0 && data[pos + textLen - 1] == 0) {
                textLen--;
            }
            String s = new String(data, pos, textLen, ANSI);
            pos += len;
            return s;
        }

        /** A u32 character count and UTF-16LE text, when the data goes on that far; otherwise null. */
        String optionalUtf16() {
            if (remaining() < 4) {
                return null;
            }
            long n = peekU32();
            if (n > (remaining() - 4) / 2 || n > MAX_STRING) {
                return null;
            }
            pos += 4;
            String s = new String(data, pos, (int) n * 2, StandardCharsets.UTF_16LE);
            pos += (int) n * 2;
            int nul = s.indexOf('\0');
            return nul >= 0 ? s.substring(0, nul) : s;
        }

        private void need(int n, String what) throws MalformedObjectException {
            if (remaining() < n) {
                throw new MalformedObjectException("OLE Package ends before its " + what);
            }
        }
    }
}
