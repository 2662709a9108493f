package dev.prefilter.engine.pdf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts the PDF names that matter (pdfid's list), with {@code #xx} escapes decoded, as names of
 * the object syntax ({@link PdfSyntax}: not bytes inside stream data or strings) and inside object
 * streams, where PDF 1.5 keeps objects compressed away from plain byte scanners.
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
    private static final Pattern OBJECT_STREAM = Pattern.compile("/Type\\s*/ObjStm(?![^\\s/\\[\\]<>()])");

    /**
     * @param objectStreams object streams decoded and read
     * @param unreadObjectStreams object streams whose data could not be decoded (filter or damage), with why
     */
    record Counts(
            Map<String, Integer> names, int obfuscatedNames, int objectStreams, List<String> unreadObjectStreams) {
        int count(String name) {
            return names.getOrDefault(name, 0);
        }
    }

    private PdfKeywords() {}

    static Counts count(byte[] pdf, long decodeBudget) {
        Map<String, Integer> names = new LinkedHashMap<>();
        for (String n : NAMES) names.put(n, 0);
        int[] obfuscated = {0};
        List<byte[]> objectStreams = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        long[] budget = {decodeBudget};
        PdfSyntax.walk(pdf, 0, pdf.length, new PdfSyntax.Visitor() {
            @Override
            public void name(String name, boolean escaped) {
                tally(names, obfuscated, name, escaped);
            }

            @Override
            public void stream(String dictionary, int dataStart, int dataEnd) {
                if (!OBJECT_STREAM.matcher(dictionary).find() || budget[0] <= 0) return;
                try {
                    byte[] decoded = PdfFilters.decode(
                            Arrays.copyOfRange(pdf, dataStart, dataEnd), PdfFilters.of(dictionary), budget[0]);
                    budget[0] -= decoded.length;
                    objectStreams.add(decoded);
                } catch (PdfFilters.UndecodableException e) {
                    unread.add(e.getMessage());
                }
            }
        });
        for (byte[] objects : objectStreams) {
            // objects only: an object stream holds no streams (ISO 32000-1, 7.5.7)
            PdfSyntax.walk(objects, 0, objects.length, (name, escaped) -> tally(names, obfuscated, name, escaped));
        }
        return new Counts(names, obfuscated[0], objectStreams.size(), unread);
    }

    private static void tally(Map<String, Integer> names, int[] obfuscated, String name, boolean escaped) {
        Integer count = names.get(name);
        if (count != null) {
            names.put(name, count + 1);
            if (escaped) obfuscated[0]++;
        }
    }
}
