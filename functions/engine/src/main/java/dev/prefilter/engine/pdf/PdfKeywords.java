package dev.prefilter.engine.pdf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Counts the PDF names that matter (pdfid's list), with {@code #xx} escapes decoded, in the file
 * and inside Flate-compressed streams, where object streams hide them from plain byte scanners.
 */
final class PdfKeywords {

    static final String[] NAMES = {
        "JavaScript",
        "JS",
        "OpenAction",
        "AA",
        "Launch",
        "EmbeddedFile",
        "EmbeddedFiles",
        "URI",
        "SubmitForm",
        "ImportData",
        "RichMedia",
        "XFA",
        "ObjStm",
        "Encrypt",
        "GoToE",
        "GoToR"
    };
    private static final Pattern NAME = Pattern.compile("/([A-Za-z0-9#]+)");
    private static final Pattern STREAM =
            Pattern.compile("(<<(?:(?!<<|>>).){0,4000}?>>|<<.{0,4000}?>>)\\s*stream\\r?\\n", Pattern.DOTALL);

    record Counts(Map<String, Integer> names, int obfuscatedNames, int inflatedStreams) {
        int count(String name) {
            return names.getOrDefault(name, 0);
        }
    }

    private PdfKeywords() {}

    static Counts count(byte[] pdf, long inflateBudget) {
        Map<String, Integer> names = new LinkedHashMap<>();
        for (String n : NAMES) names.put(n, 0);
        int[] obfuscated = {0};
        String latin = new String(pdf, StandardCharsets.ISO_8859_1);
        scan(latin, names, obfuscated);
        int inflated = 0;
        long budget = inflateBudget;
        Matcher stream = STREAM.matcher(latin);
        while (stream.find() && budget > 0) {
            if (!stream.group(1).contains("/FlateDecode") && !stream.group(1).contains("/Fl ")) continue;
            int start = stream.end();
            int end = latin.indexOf("endstream", start);
            if (end < 0) break;
            byte[] data = inflate(pdf, start, end - start, budget);
            if (data.length == 0) continue;
            budget -= data.length;
            inflated++;
            scan(new String(data, StandardCharsets.ISO_8859_1), names, obfuscated);
        }
        return new Counts(names, obfuscated[0], inflated);
    }

    private static void scan(String text, Map<String, Integer> names, int[] obfuscated) {
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            String raw = m.group(1);
            String name = raw.indexOf('#') >= 0 ? unescape(raw) : raw;
            if (name == null) continue;
            Integer count = names.get(name);
            if (count != null) {
                names.put(name, count + 1);
                if (!name.equals(raw)) obfuscated[0]++;
            }
        }
    }

    private static String unescape(String raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '#' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                sb.append((char) (hi * 16 + lo));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static byte[] inflate(byte[] pdf, int offset, int length, long budget) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (inflateInto(new Inflater(), pdf, offset, length, budget, out) || length <= 2) {
            return out.toByteArray();
        }
        // damaged, often in the zlib checksum alone, which PDF readers ignore: read it again without the
        // zlib wrapper, as far as it inflates, and scan that
        out.reset();
        inflateInto(new Inflater(true), pdf, offset + 2, length - 2, budget, out);
        return out.toByteArray();
    }

    /** Inflates into {@code out}; false when the data turned out damaged (what came before stays in out). */
    private static boolean inflateInto(
            Inflater inflater, byte[] pdf, int offset, int length, long budget, ByteArrayOutputStream out) {
        try {
            inflater.setInput(pdf, offset, length);
            byte[] buffer = new byte[16 * 1024];
            while (!inflater.finished() && out.size() < budget) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                out.write(buffer, 0, n);
            }
            return true;
        } catch (DataFormatException damaged) {
            return false;
        } finally {
            inflater.end();
        }
    }
}
