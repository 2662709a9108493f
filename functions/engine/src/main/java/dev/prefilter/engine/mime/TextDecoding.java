package dev.prefilter.engine.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.mozilla.universalchardet.UniversalDetector;

/** Bytes to text when the declared charset is missing, wrong or unknown to Java. */
public final class TextDecoding {

    private static final Charset WINDOWS_31J = charset("windows-31j");

    private TextDecoding() {}

    public static String decode(byte[] bytes, int length, String declaredCharset) {
        Charset declared = declaredCharset == null ? null : lenientCharset(declaredCharset);
        if (declared != null && !declared.equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, 0, length, declared);
        }
        return guess(bytes, length);
    }

    /** Strict UTF-8 first (most mail), then ISO-2022-JP escapes, then a statistical guess, then Latin-1. */
    public static String guess(byte[] bytes, int length) {
        String utf8 = strict(bytes, length, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return utf8;
        }
        UniversalDetector detector = new UniversalDetector(null);
        detector.handleData(bytes, 0, Math.min(length, 64 * 1024));
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        Charset detected = name == null ? null : lenientCharset(name);
        if (detected != null) {
            return new String(bytes, 0, length, detected);
        }
        if (WINDOWS_31J != null) {
            String sjis = strict(bytes, length, WINDOWS_31J);
            if (sjis != null) return sjis;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    public static Charset lenientCharset(String name) {
        String n = name.trim().replace("\"", "").toLowerCase(Locale.ROOT);
        switch (n) {
            case "shift_jis", "shift-jis", "sjis", "x-sjis", "cp932", "ms932" -> {
                return WINDOWS_31J != null ? WINDOWS_31J : charset("Shift_JIS");
            }
            case "iso-2022-jp", "csiso2022jp" -> {
                // mailers send Windows extensions (①, ㈱) under the ISO-2022-JP label
                Charset cp50220 = charset("x-windows-50220");
                return cp50220 != null ? cp50220 : charset("ISO-2022-JP");
            }
            case "gb2312", "gbk", "x-gbk", "euc-cn" -> {
                return charset("GB18030");
            }
            case "ks_c_5601-1987", "euc-kr" -> {
                Charset ms949 = charset("x-windows-949");
                return ms949 != null ? ms949 : charset("EUC-KR");
            }
            case "utf8" -> {
                return StandardCharsets.UTF_8;
            }
            default -> {
                return charset(n);
            }
        }
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            // IllegalCharsetNameException, UnsupportedCharsetException: the caller guesses instead
            return null;
        }
    }

    private static String strict(byte[] bytes, int length, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
