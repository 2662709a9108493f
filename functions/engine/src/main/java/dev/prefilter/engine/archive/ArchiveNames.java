package dev.prefilter.engine.archive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Member names as the sender's system wrote them. Zips made on Japanese Windows store names in
 * code page 932 without the UTF-8 flag; macOS sets no flag but writes UTF-8; the rest is CP437.
 */
public final class ArchiveNames {

    static final Charset CP437 = Charset.forName("IBM437");
    static final Charset CP932 = Charset.forName("windows-31j");

    private ArchiveNames() {}

    public static String decode(byte[] raw, boolean utf8Flag) {
        if (utf8Flag) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        return new String(raw, charsetFor(raw));
    }

    /** The charset that reads these (unflagged) name bytes best. */
    static Charset charsetFor(byte[] raw) {
        if (ascii(raw)) return StandardCharsets.US_ASCII;
        if (strict(raw, StandardCharsets.UTF_8) != null) return StandardCharsets.UTF_8;
        String sjis = strict(raw, CP932);
        if (sjis != null && sjis.codePoints().anyMatch(ArchiveNames::isCjk)) return CP932;
        return CP437;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static boolean ascii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) return false;
        }
        return true;
    }

    private static String strict(byte[] raw, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
