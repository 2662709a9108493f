package dev.prefilter.engine.media;

import dev.prefilter.engine.binary.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the bytes after an image's end are, by the signatures of the files that make a polyglot
 * dangerous: an executable, a container that carries files, a script. Anything else (padding, a
 * camera's maker data, the leftovers of an older version of the same picture) is unrecognised.
 *
 * @param kind executable, container or script
 * @param format what was recognised, e.g. {@code PE}, {@code zip}, {@code <script}
 * @param offset where in the trailer it was found
 */
record TrailerKind(String kind, String format, int offset) {

    private record Signature(String kind, String format, byte[] magic) {
        static Signature of(String kind, String format, int... bytes) {
            byte[] magic = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) magic[i] = (byte) bytes[i];
            return new Signature(kind, format, magic);
        }

        static Signature ascii(String kind, String format, String magic) {
            return new Signature(kind, format, magic.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Signatures looked for where the trailer starts (after padding). */
    private static final List<Signature> AT_START = List.of(
            Signature.ascii("executable", "ELF", "\u007fELF"),
            Signature.of("executable", "Mach-O", 0xCF, 0xFA, 0xED, 0xFE),
            Signature.of("executable", "Mach-O", 0xCE, 0xFA, 0xED, 0xFE),
            Signature.of("executable", "Mach-O", 0xCA, 0xFE, 0xBA, 0xBE),
            Signature.ascii("container", "zip", "PK\u0003\u0004"),
            Signature.ascii("container", "rar", "Rar!\u001a\u0007"),
            Signature.of("container", "7z", '7', 'z', 0xBC, 0xAF, 0x27, 0x1C),
            Signature.ascii("container", "cab", "MSCF\0\0\0\0"),
            Signature.of("container", "ole2", 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1),
            Signature.of("container", "gzip", 0x1F, 0x8B, 0x08),
            Signature.of("container", "xz", 0xFD, '7', 'z', 'X', 'Z', 0),
            Signature.ascii("container", "bzip2", "BZh"),
            Signature.ascii("container", "pdf", "%PDF-"),
            Signature.ascii("container", "rtf", "{\\rt"),
            Signature.of("container", "lnk", 0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0),
            Signature.ascii("container", "chm", "ITSF"),
            Signature.of("container", "onenote", 0xE4, 0x52, 0x5C, 0x7B, 0x8C, 0xD8, 0xA7, 0x4D),
            Signature.ascii("script", "#!/", "#!/"));

    /** Markers of script or executable content anywhere in the trailer, lower-case. */
    private static final List<Signature> ANYWHERE = List.of(
            Signature.ascii("executable", "PE", "this program cannot be run in dos mode"),
            Signature.ascii("script", "<script", "<script"),
            Signature.ascii("script", "<?php", "<?php"),
            Signature.ascii("script", "<hta:application", "<hta:application"),
            Signature.ascii("script", "wscript.shell", "wscript.shell"),
            Signature.ascii("script", "activexobject", "activexobject"),
            Signature.ascii("script", "powershell", "powershell"),
            Signature.ascii("script", "<job", "<job"),
            Signature.ascii("script", "<html", "<html"),
            Signature.ascii("script", "eval(", "eval("));

    /** Padding before a payload: NUL, 0xFF, white space. */
    private static final int MAX_PADDING = 4096;

    /** How much of a large trailer is searched for markers. */
    static final int SEARCHED = 1 << 20;

    static Optional<TrailerKind> of(byte[] data, int from) {
        int start = from;
        while (start < data.length && start - from < MAX_PADDING && padding(data[start])) start++;
        if (isPe(data, start)) {
            return Optional.of(new TrailerKind("executable", "PE", start - from));
        }
        for (Signature s : AT_START) {
            if (startsWith(data, start, s.magic())) {
                return Optional.of(new TrailerKind(s.kind(), s.format(), start - from));
            }
        }
        int end = (int) Math.min(data.length, (long) from + SEARCHED);
        String lower = new String(data, from, end - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (Signature s : ANYWHERE) {
            int at = lower.indexOf(new String(s.magic(), StandardCharsets.ISO_8859_1));
            if (at >= 0) {
                return Optional.of(new TrailerKind(s.kind(), s.format(), at));
            }
        }
        return Optional.empty();
    }

    /** An MZ header whose e_lfanew points at a PE signature inside the data. */
    private static boolean isPe(byte[] d, int at) {
        if (!startsWith(d, at, new byte[] {'M', 'Z'}) || at + 0x40 > d.length) return false;
        long peOffset = Bytes.u32le(d, at + 0x3C);
        return peOffset < d.length - at - 4 && Bytes.startsWith(d, at + (int) peOffset, "PE\0\0");
    }

    private static boolean padding(byte b) {
        return b == 0 || b == (byte) 0xFF || b == '\n' || b == '\r' || b == ' ' || b == '\t';
    }

    private static boolean startsWith(byte[] d, int at, byte[] magic) {
        if (at + magic.length > d.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if (d[at + i] != magic[i]) return false;
        }
        return true;
    }
}
