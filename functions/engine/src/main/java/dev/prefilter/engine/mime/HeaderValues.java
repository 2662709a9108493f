package dev.prefilter.engine.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;

/**
 * Header decoding as real mailers need it: RFC 2047 encoded words, raw 8-bit headers in
 * whatever charset the sender used, RFC 2231 parameters with charsets and continuations, and
 * RFC 2047 inside quoted parameters (Outlook's habit).
 */
public final class HeaderValues {

    private HeaderValues() {}

    /** The decoded, unfolded body of a header field. */
    public static String decode(Field field) {
        String raw = rawBody(field);
        try {
            return DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT).strip();
        } catch (IllegalArgumentException undecodable) {
            // what mime4j declares for a word it cannot decode: the raw text is shown as it came
            return raw.strip();
        }
    }

    /** The field body with raw 8-bit bytes decoded (UTF-8, else a guessed charset), and unfolded. */
    static String rawBody(Field field) {
        byte[] raw = field.getRaw() == null ? null : field.getRaw().toByteArray();
        String body;
        if (raw == null) {
            body = field.getBody();
        } else {
            int colon = indexOf(raw, (byte) ':');
            int start = colon < 0 ? 0 : colon + 1;
            byte[] value = java.util.Arrays.copyOfRange(raw, start, raw.length);
            body = isAscii(value)
                    ? new String(value, StandardCharsets.US_ASCII)
                    : TextDecoding.guess(value, value.length);
        }
        return body == null
                ? ""
                : body.replaceAll("\\r?\\n[ \\t]", " ").replace("\r", "").replace("\n", "");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) return i;
        }
        return -1;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) return false;
        }
        return true;
    }

    /** A structured header value: {@code type/subtype; a=b; c*=utf-8''%E3%81%82}. */
    public record Structured(String value, Map<String, String> parameters) {
        public String parameter(String name) {
            return parameters.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static Structured parseStructured(String text) {
        if (text == null) return new Structured("", Map.of());
        int i = 0;
        int n = text.length();
        StringBuilder value = new StringBuilder();
        while (i < n && text.charAt(i) != ';') {
            value.append(text.charAt(i++));
        }
        Map<String, String> simple = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Segment>> extended = new LinkedHashMap<>();
        while (i < n) {
            i++; // ';'
            while (i < n && Character.isWhitespace(text.charAt(i))) i++;
            int nameStart = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ';') i++;
            String name = text.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= n || text.charAt(i) == ';') {
                continue;
            }
            i++; // '='
            while (i < n && Character.isWhitespace(text.charAt(i))) i++;
            String paramValue;
            boolean quoted = i < n && text.charAt(i) == '"';
            if (quoted) {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && text.charAt(i) != '"') {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = text.charAt(++i);
                    }
                    sb.append(c);
                    i++;
                }
                i++; // closing quote
                while (i < n && text.charAt(i) != ';') i++;
                paramValue = sb.toString();
            } else {
                int start = i;
                while (i < n && text.charAt(i) != ';') i++;
                paramValue = text.substring(start, i).trim();
            }
            if (name.isEmpty()) continue;
            int star = name.indexOf('*');
            if (star < 0) {
                simple.putIfAbsent(name, paramValue);
            } else {
                String base = name.substring(0, star);
                String rest = name.substring(star + 1);
                boolean encoded = rest.endsWith("*") || rest.isEmpty();
                String number = rest.replace("*", "");
                int index = number.isEmpty() ? 0 : parseIndex(number);
                if (index >= 0) {
                    extended.computeIfAbsent(base, k -> new TreeMap<>())
                            .put(index, new Segment(paramValue, encoded && !quoted));
                }
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>(simple);
        extended.forEach((name, segments) -> parameters.put(name, joinRfc2231(segments)));
        return new Structured(value.toString().trim(), parameters);
    }

    private record Segment(String text, boolean encoded) {}

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String joinRfc2231(TreeMap<Integer, Segment> segments) {
        Charset charset = StandardCharsets.UTF_8;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder plain = new StringBuilder();
        boolean first = true;
        for (Segment segment : segments.values()) {
            String text = segment.text();
            if (first && segment.encoded()) {
                int q1 = text.indexOf('\'');
                int q2 = q1 < 0 ? -1 : text.indexOf('\'', q1 + 1);
                if (q2 > 0) {
                    Charset named = TextDecoding.lenientCharset(text.substring(0, q1));
                    if (named != null) charset = named;
                    text = text.substring(q2 + 1);
                }
            }
            first = false;
            if (segment.encoded()) {
                flush(plain, bytes, charset);
                percentDecode(text, bytes);
            } else {
                if (bytes.size() > 0) {
                    plain.append(new String(bytes.toByteArray(), charset));
                    bytes.reset();
                }
                plain.append(text);
            }
        }
        flush(plain, bytes, charset);
        return plain.toString();
    }

    private static void flush(StringBuilder plain, ByteArrayOutputStream bytes, Charset charset) {
        if (bytes.size() > 0) {
            plain.append(new String(bytes.toByteArray(), charset));
            bytes.reset();
        }
    }

    private static void percentDecode(String text, ByteArrayOutputStream out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(encoded, 0, encoded.length);
        }
    }

    /** RFC 2047 words inside a parameter value are not standard, but Outlook and others send them. */
    public static String decodeWords(String value) {
        if (value == null || !value.contains("=?")) return value;
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException undecodable) {
            return value;
        }
    }
}
