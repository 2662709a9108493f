package dev.prefilter.engine.office.ole;

import static dev.prefilter.engine.binary.Bytes.u32le;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads the {@code \u0001Ole} stream of an object storage (MS-OLEDS 2.3.3 OLEStream): whether the
 * object is linked rather than embedded, whether the link updates on open, and the link source
 * from a URL or file moniker when one is there.
 */
final class OleLinkReader {

    private static final int LINKED = 0x1;
    private static final int UPDATE_ALWAYS = 1;
    private static final int MAX_CHARS = 4096;

    private OleLinkReader() {}

    /** The link, or null when the stream describes an embedded (not linked) object. */
    static OleObject.LinkedObject read(String location, byte[] stream) {
        if (stream.length < 12) {
            return null;
        }
        long flags = u32le(stream, 4);
        if ((flags & LINKED) == 0) {
            return null;
        }
        boolean always = u32le(stream, 8) == UPDATE_ALWAYS;
        return new OleObject.LinkedObject(location, target(stream), always);
    }

    /** The source named by a URL moniker, else by a file moniker, found anywhere in {@code data}; null when none. */
    static String target(byte[] data) {
        int url = OleClassIds.indexOf(data, OleClassIds.URL_MONIKER, 0);
        if (url >= 0) {
            int at = url + 16;
            if (at + 4 <= data.length) {
                long bytes = u32le(data, at);
                int len = (int) Math.min(Math.min(bytes, (long) MAX_CHARS * 2), data.length - at - 4L);
                return untilNul(new String(data, at + 4, Math.max(0, len & ~1), StandardCharsets.UTF_16LE));
            }
        }
        int file = OleClassIds.indexOf(data, OleClassIds.FILE_MONIKER, 0);
        if (file >= 0) {
            int at = file + 16 + 2;
            if (at + 4 <= data.length) {
                long bytes = u32le(data, at);
                int len = (int) Math.min(Math.min(bytes, MAX_CHARS), data.length - at - 4L);
                return untilNul(new String(data, at + 4, Math.max(0, len), Charset.forName("windows-1252")));
            }
        }
        return null;
    }

    /** The moniker's text up to its terminating NUL; null when that is blank. */
    private static String untilNul(String s) {
        int nul = s.indexOf('\0');
        String t = nul >= 0 ? s.substring(0, nul) : s;
        return t.isBlank() ? null : t;
    }
}
