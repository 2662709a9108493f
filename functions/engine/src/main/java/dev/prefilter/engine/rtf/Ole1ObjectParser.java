package dev.prefilter.engine.rtf;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.office.ole.MalformedObjectException;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Reads the OLE 1.0 ObjectHeader that wraps RTF object data:
 * <pre>
 * u32 OLEVersion  u32 FormatID  (u32 n, ClassName)
 * embedded (2): (u32 n, TopicName) (u32 n, ItemName) u32 NativeDataSize, NativeData
 * linked (1):   (u32 n, TopicName) (u32 n, ItemName) …
 * </pre>
 * Strings are length-prefixed ANSI with a terminating NUL. A native size past the end is
 * clamped and flagged rather than refused: the bytes present are still worth a look.
 */
public final class Ole1ObjectParser {

    private static final Charset ANSI = Charset.forName("windows-1252");
    private static final int MAX_STRING = 64 * 1024;

    private Ole1ObjectParser() {}

    public static Ole1Object parse(byte[] data) throws MalformedObjectException {
        int[] pos = {0};
        u32(data, pos, "OLE version");
        long format = u32(data, pos, "format id");
        if (format != Ole1Object.LINKED && format != Ole1Object.EMBEDDED && format != 5) {
            throw new MalformedObjectException("not an OLE 1.0 object: format id " + format);
        }
        String className = string(data, pos, "class name");
        if (format == 5) {
            return new Ole1Object(format, className, null, null, new byte[0], false);
        }
        String topic = string(data, pos, "topic name");
        String item = string(data, pos, "item name");
        if (format == Ole1Object.LINKED) {
            return new Ole1Object(format, className, topic, item, new byte[0], false);
        }
        long declared = u32(data, pos, "native data size");
        int available = data.length - pos[0];
        boolean truncated = declared > available;
        int size = (int) Math.min(declared, available);
        return new Ole1Object(
                format, className, topic, item, Arrays.copyOfRange(data, pos[0], pos[0] + size), truncated);
    }

    private static long u32(byte[] d, int[] pos, String what) throws MalformedObjectException {
        int at = pos[0];
        if (at + 4 > d.length) {
            throw new MalformedObjectException("OLE 1.0 object ends before its " + what);
        }
        pos[0] += 4;
        return Bytes.u32le(d, at);
    }

    private static String string(byte[] d, int[] pos, String what) throws MalformedObjectException {
        long n = u32(d, pos, what + " length");
        if (n > d.length - pos[0] || n > MAX_STRING) {
            throw new MalformedObjectException("OLE 1.0 " + what + " length " + n + " runs past the data");
        }
        int len = (int) n;
        int text = len;
        while (text > 0 && d[pos[0] + text - 1] == 0) {
            text--;
        }
        String s = new String(d, pos[0], text, ANSI);
        pos[0] += len;
        return s;
    }
}
