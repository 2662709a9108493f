package dev.prefilter.engine.office.vba;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the string obfuscations that macro droppers use, so that what they hide can be scanned
 * like source: string literals and {@code Chr()/ChrW()/ChrB()} calls joined with {@code &} or
 * {@code +}, {@code StrReverse("...")} of a literal, hex strings and base64 strings (ASCII or
 * UTF-16LE, as PowerShell's {@code -EncodedCommand}). Nothing is evaluated beyond that.
 */
final class Deobfuscator {

    /**
     * One decoded value. {@code kind}: chr-concat (three or more Chr calls), string-split (literals and
     * at most two Chr calls joined: common in clean code, so it counts only when it reveals something),
     * strreverse, hex, base64.
     */
    record Decoded(String kind, String encoded, String decoded) {}

    private static final String LITERAL = "\"(?:[^\"]|\"\")*\"";
    private static final String NUMBER = "(?:&[hH][0-9A-Fa-f]+|\\d+)";
    private static final String CHR = "Chr[BW]?\\$?\\(\\s*" + NUMBER + "(?:\\s*[-+*]\\s*" + NUMBER + ")?\\s*\\)";
    private static final Pattern PART = Pattern.compile(LITERAL + "|" + CHR, Pattern.CASE_INSENSITIVE);
    private static final Pattern RUN = Pattern.compile(
            "(?:" + LITERAL + "|" + CHR + ")(?:\\s*[&+]\\s*(?:" + LITERAL + "|" + CHR + "))+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHR_ARGS =
            Pattern.compile("\\(\\s*(" + NUMBER + ")(?:\\s*([-+*])\\s*(" + NUMBER + "))?\\s*\\)");
    private static final Pattern STRREVERSE =
            Pattern.compile("StrReverse\\s*\\(\\s*(" + LITERAL + ")\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LITERALS = Pattern.compile(LITERAL);

    private final VbaKeywords.DecoderSettings settings;
    private final Pattern hex;
    private final Pattern base64;

    Deobfuscator(VbaKeywords.DecoderSettings settings) {
        this.settings = settings;
        this.hex = Pattern.compile("^(?:[0-9A-Fa-f]{2}){" + Math.max(2, settings.minHexDigits() / 2) + ",}$");
        this.base64 =
                Pattern.compile("^(?=[A-Za-z0-9+/]*[0-9+/])[A-Za-z0-9+/]{" + settings.minBase64Chars() + ",}={0,2}$");
    }

    List<Decoded> decode(String line) {
        List<Decoded> out = new ArrayList<>();
        Matcher run = RUN.matcher(line);
        while (run.find()) {
            concatenation(run.group()).ifPresent(out::add);
        }
        Matcher rev = STRREVERSE.matcher(line);
        while (rev.find()) {
            String literal = unquote(rev.group(1));
            if (literal.length() >= 3)
                out.add(new Decoded(
                        "strreverse",
                        rev.group(),
                        new StringBuilder(literal).reverse().toString()));
        }
        Matcher lit = LITERALS.matcher(line);
        while (lit.find()) {
            String value = unquote(lit.group()).strip();
            if (value.length() > settings.maxDecodedChars() * 2) continue;
            if (hex.matcher(value).matches()) {
                printable(HexFormat.of().parseHex(value)).ifPresent(d -> out.add(new Decoded("hex", value, d)));
            } else if (base64.matcher(value).matches() && value.length() % 4 == 0) {
                try {
                    printable(Base64.getDecoder().decode(value))
                            .ifPresent(d -> out.add(new Decoded("base64", value, d)));
                } catch (IllegalArgumentException notBase64) {
                    // the pattern admits strings that are not valid base64 after all: nothing decoded
                }
            }
        }
        return out;
    }

    private java.util.Optional<Decoded> concatenation(String expression) {
        Matcher part = PART.matcher(expression);
        StringBuilder value = new StringBuilder();
        int chr = 0;
        int literals = 0;
        while (part.find()) {
            String p = part.group();
            if (p.startsWith("\"")) {
                value.append(unquote(p));
                literals++;
            } else {
                Matcher args = CHR_ARGS.matcher(p);
                if (!args.find()) return java.util.Optional.empty();
                long code = number(args.group(1));
                if (args.group(2) != null) {
                    long b = number(args.group(3));
                    code = switch (args.group(2)) {
                        case "+" -> code + b;
                        case "-" -> code - b;
                        default -> code * b;
                    };
                }
                if (code < 0 || code > 0xFFFF) return java.util.Optional.empty();
                value.append((char) code);
                chr++;
            }
            if (value.length() > settings.maxDecodedChars()) break;
        }
        if (chr >= 3) {
            return java.util.Optional.of(new Decoded("chr-concat", expression, value.toString()));
        }
        if (chr + literals >= 2) {
            return java.util.Optional.of(new Decoded("string-split", expression, value.toString()));
        }
        return java.util.Optional.empty();
    }

    private static long number(String text) {
        if (text.startsWith("&")) return Long.parseLong(text.substring(2), 16);
        return text.length() > 9 ? -1 : Long.parseLong(text);
    }

    /** ASCII or UTF-16LE text that is mostly printable, else nothing. */
    private java.util.Optional<String> printable(byte[] bytes) {
        if (bytes.length < 4) return java.util.Optional.empty();
        boolean utf16 = bytes.length % 2 == 0 && bytes.length >= 8 && zeroOddBytes(bytes);
        String text =
                utf16 ? new String(bytes, StandardCharsets.UTF_16LE) : new String(bytes, StandardCharsets.ISO_8859_1);
        int good = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 0x20 && c < 0x7f) || c == '\r' || c == '\n' || c == '\t') good++;
        }
        return good >= settings.minPrintableRatio() * text.length()
                ? java.util.Optional.of(
                        text.length() > settings.maxDecodedChars()
                                ? text.substring(0, settings.maxDecodedChars())
                                : text)
                : java.util.Optional.empty();
    }

    private static boolean zeroOddBytes(byte[] b) {
        int zeros = 0;
        for (int i = 1; i < b.length; i += 2) if (b[i] == 0) zeros++;
        return zeros * 10 >= (b.length / 2) * 9;
    }

    static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1).replace("\"\"", "\"");
    }
}
