package dev.prefilter.engine.pdf;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks PDF object syntax the way a reader tokenises it (ISO 32000-1, 7.2): comments, literal and
 * hexadecimal strings are skipped, a name runs from {@code /} to the next white-space or delimiter
 * character, and the data of each stream is stepped over (by a direct {@code /Length} that ends at
 * {@code endstream}, else up to the first {@code endstream}). So {@code /JS} bytes inside an image
 * or in a string are no name; names in the object dictionaries are.
 */
final class PdfSyntax {

    /** What the walk reports. */
    @FunctionalInterface
    interface Visitor {
        /** A name, with {@code #xx} escapes decoded; {@code escaped} when it was written with any. */
        void name(String name, boolean escaped);

        /** A stream: its dictionary's text (escapes decoded) and where its data lies in the walked bytes. */
        default void stream(String dictionary, int dataStart, int dataEnd) {}
    }

    private static final Pattern DIRECT_LENGTH = Pattern.compile("/Length\\s+(\\d{1,10})(?!\\s+\\d+\\s+R)");
    private static final byte[] ENDSTREAM = "endstream".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OBJ = "obj".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HIDDEN_DEPTH = 2;

    private PdfSyntax() {}

    static void walk(byte[] d, int from, int to, Visitor visitor) {
        walk(d, from, to, visitor, 0);
    }

    private static void walk(byte[] d, int from, int to, Visitor visitor, int hiddenDepth) {
        int i = from;
        int depth = 0;
        int dictStart = -1;
        int dictEnd = -1;
        while (i < to) {
            int c = d[i] & 0xff;
            if (c == '%') {
                while (i < to && d[i] != '\n' && d[i] != '\r') i++;
            } else if (c == '(') {
                i = skipLiteral(d, i, to);
            } else if (c == '<') {
                if (i + 1 < to && d[i + 1] == '<') {
                    if (depth++ == 0) dictStart = i;
                    i += 2;
                } else {
                    while (i < to && d[i] != '>') i++;
                    i++;
                }
            } else if (c == '>') {
                if (i + 1 < to && d[i + 1] == '>') {
                    if (depth > 0 && --depth == 0) dictEnd = i + 2;
                    i += 2;
                } else {
                    i++;
                }
            } else if (c == '/') {
                int end = i + 1;
                while (end < to && regular(d[end])) end++;
                name(d, i + 1, end, visitor);
                i = end;
            } else if (regular(d[i])) {
                int end = i;
                while (end < to && regular(d[end])) end++;
                String keyword = new String(d, i, end - i, StandardCharsets.ISO_8859_1);
                i = end;
                if (keyword.equals("stream")) {
                    String dictionary = dictStart >= 0 && dictEnd > dictStart && dictEnd <= end
                            ? unescape(new String(d, dictStart, dictEnd - dictStart, StandardCharsets.ISO_8859_1))
                            : "";
                    i = stream(d, i, to, dictionary, visitor, hiddenDepth);
                    depth = 0;
                } else if (keyword.equals("obj") || keyword.equals("endobj")) {
                    depth = 0;
                }
            } else {
                i++;
            }
        }
    }

    /** Steps over a stream's data; returns where the walk goes on. */
    private static int stream(byte[] d, int afterKeyword, int to, String dictionary, Visitor visitor, int hiddenDepth) {
        int start = afterKeyword;
        if (start < to && d[start] == '\r') start++;
        if (start < to && d[start] == '\n') start++;
        Matcher length = DIRECT_LENGTH.matcher(dictionary);
        if (length.find()) {
            long n = Long.parseLong(length.group(1));
            if (n <= to - start) {
                int end = start + (int) n;
                int at = end;
                while (at < to && whiteSpace(d[at])) at++;
                if (startsWith(d, at, to, ENDSTREAM)) {
                    data(d, start, end, dictionary, visitor, hiddenDepth);
                    return at + ENDSTREAM.length;
                }
            }
        }
        int at = indexOf(d, ENDSTREAM, start, to);
        if (at < 0) {
            // no end: the rest is read as objects rather than hidden as data
            visitor.stream(dictionary, start, start);
            return start;
        }
        int end = at;
        if (end > start && d[end - 1] == '\n') end--;
        if (end > start && d[end - 1] == '\r') end--;
        data(d, start, end, dictionary, visitor, hiddenDepth);
        return at + ENDSTREAM.length;
    }

    /**
     * Reports a stream's data, and reads on as objects from an object header inside it: a reader that
     * follows the cross-reference table to an offset inside another stream's data finds an object
     * there (a known way to hide one from scanners that skip stream data).
     */
    private static void data(byte[] d, int start, int end, String dictionary, Visitor visitor, int hiddenDepth) {
        visitor.stream(dictionary, start, end);
        int hidden = objectHeader(d, start, end);
        if (hidden >= 0 && hiddenDepth < MAX_HIDDEN_DEPTH) {
            walk(d, hidden, end, visitor, hiddenDepth + 1);
        }
    }

    /** The first {@code N G obj} inside the range, or -1. */
    private static int objectHeader(byte[] d, int from, int to) {
        for (int at = indexOf(d, OBJ, from, to); at >= 0; at = indexOf(d, OBJ, at + 1, to)) {
            if (at + 3 < to && regular(d[at + 3])) continue;
            int i = at - 1;
            int spaces = 0;
            while (i >= from && whiteSpace(d[i])) {
                i--;
                spaces++;
            }
            int digits = 0;
            while (i >= from && d[i] >= '0' && d[i] <= '9') {
                i--;
                digits++;
            }
            if (spaces == 0 || digits == 0) continue;
            int spaces2 = 0;
            while (i >= from && whiteSpace(d[i])) {
                i--;
                spaces2++;
            }
            int digits2 = 0;
            while (i >= from && d[i] >= '0' && d[i] <= '9') {
                i--;
                digits2++;
            }
            if (spaces2 > 0 && digits2 > 0 && (i < from || !regular(d[i]))) return i + 1;
        }
        return -1;
    }

    private static void name(byte[] d, int from, int to, Visitor visitor) {
        StringBuilder name = new StringBuilder(to - from);
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            char c = (char) (d[i] & 0xff);
            if (c == '#' && i + 2 < to) {
                int hi = Character.digit((char) d[i + 1], 16);
                int lo = Character.digit((char) d[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    name.append((char) (hi * 16 + lo));
                    escaped = true;
                    i += 2;
                    continue;
                }
            }
            name.append(c);
        }
        visitor.name(name.toString(), escaped);
    }

    private static final Pattern ESCAPE = Pattern.compile("#([0-9A-Fa-f]{2})");

    /** A dictionary's text with {@code #xx} escapes decoded, so that {@code /Obj#53tm} is read as a reader reads it. */
    private static String unescape(String dictionary) {
        if (dictionary.indexOf('#') < 0) return dictionary;
        return ESCAPE.matcher(dictionary)
                .replaceAll(m -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }

    /** A literal string: balanced parentheses, backslash escapes. Returns the index after it. */
    private static int skipLiteral(byte[] d, int at, int to) {
        int depth = 0;
        int i = at;
        while (i < to) {
            byte b = d[i];
            if (b == '\\') {
                i += 2;
                continue;
            }
            if (b == '(') depth++;
            else if (b == ')' && --depth == 0) return i + 1;
            i++;
        }
        return to;
    }

    static boolean whiteSpace(byte b) {
        return b == 0 || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ';
    }

    private static boolean delimiter(byte b) {
        return b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}' || b == '/'
                || b == '%';
    }

    private static boolean regular(byte b) {
        return !whiteSpace(b) && !delimiter(b);
    }

    private static boolean startsWith(byte[] d, int at, int to, byte[] s) {
        if (at + s.length > to) return false;
        for (int k = 0; k < s.length; k++) {
            if (d[at + k] != s[k]) return false;
        }
        return true;
    }

    static int indexOf(byte[] d, byte[] s, int from, int to) {
        for (int i = from; i + s.length <= to; i++) {
            if (d[i] == s[0] && startsWith(d, i, to, s)) return i;
        }
        return -1;
    }
}
