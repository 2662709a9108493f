package dev.prefilter.engine.pdf;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the filters an object stream can use to hide its objects: Flate, ASCIIHex and ASCII85,
 * in a chain, each bounded by a byte budget. Other filters (LZW, run-length, crypt) are reported as
 * not decodable rather than guessed at.
 */
final class PdfFilters {

    /** Thrown when a filter is not one of ours or its data is damaged. */
    static final class UndecodableException extends Exception {
        UndecodableException(String message) {
            super(message);
        }
    }

    private static final Pattern FILTER = Pattern.compile("/Filter\\s*(\\[[^\\]]*\\]|/[^\\s/\\[\\]<>()]+)");
    private static final Pattern NAME = Pattern.compile("/([^\\s/\\[\\]<>()]+)");

    private PdfFilters() {}

    /** The filter names of a stream dictionary, in order; empty when the data is not encoded. */
    static List<String> of(String dictionary) {
        List<String> filters = new ArrayList<>();
        Matcher m = FILTER.matcher(dictionary);
        if (m.find()) {
            Matcher n = NAME.matcher(m.group(1));
            while (n.find()) filters.add(n.group(1));
        }
        return filters;
    }

    static byte[] decode(byte[] data, List<String> filters, long budget) throws UndecodableException {
        byte[] out = data;
        for (String filter : filters) {
            out = switch (filter.toLowerCase(Locale.ROOT)) {
                case "flatedecode", "fl" -> inflate(out, budget);
                case "asciihexdecode", "ahx" -> hex(out);
                case "ascii85decode", "a85" -> ascii85(out);
                default -> throw new UndecodableException("filter " + filter + " is not decoded here");
            };
        }
        return out;
    }

    private static byte[] inflate(byte[] data, long budget) throws UndecodableException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean whole = inflateInto(new Inflater(), data, 0, data.length, budget, out);
        if (!whole && data.length > 2) {
            // damaged, often in the zlib checksum alone, which PDF readers ignore: read it again without
            // the zlib wrapper, as far as it inflates, and keep whichever read got further
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            inflateInto(new Inflater(true), data, 2, data.length - 2, budget, raw);
            if (raw.size() > out.size()) out = raw;
        }
        if (out.size() == 0) {
            throw new UndecodableException(whole ? "Flate data holds nothing" : "damaged Flate data");
        }
        return out.toByteArray();
    }

    /** Inflates into {@code out}; false when the data turned out damaged (what came before stays in out). */
    private static boolean inflateInto(
            Inflater inflater, byte[] data, int offset, int length, long budget, ByteArrayOutputStream out)
            throws UndecodableException {
        try {
            inflater.setInput(data, offset, length);
            byte[] buffer = new byte[16 * 1024];
            while (!inflater.finished()) {
                if (out.size() > budget) {
                    throw new UndecodableException("object stream expands past " + budget + " bytes");
                }
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

    private static byte[] hex(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
        int high = -1;
        for (byte b : data) {
            if (b == '>') break;
            int v = Character.digit((char) (b & 0xff), 16);
            if (v < 0) continue;
            if (high < 0) {
                high = v;
            } else {
                out.write(high * 16 + v);
                high = -1;
            }
        }
        if (high >= 0) out.write(high * 16);
        return out.toByteArray();
    }

    private static byte[] ascii85(byte[] data) throws UndecodableException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        long tuple = 0;
        int count = 0;
        for (int i = 0; i < data.length; i++) {
            int c = data[i] & 0xff;
            if (c == '~') break;
            if (PdfSyntax.whiteSpace(data[i])) continue;
            if (c == 'z' && count == 0) {
                out.write(0);
                out.write(0);
                out.write(0);
                out.write(0);
                continue;
            }
            if (c < '!' || c > 'u') throw new UndecodableException("ASCII85 data holds byte " + c);
            tuple = tuple * 85 + (c - '!');
            if (++count == 5) {
                for (int k = 3; k >= 0; k--) out.write((int) (tuple >>> (8 * k)) & 0xff);
                tuple = 0;
                count = 0;
            }
        }
        if (count > 1) {
            for (int k = count; k < 5; k++) tuple = tuple * 85 + 84;
            for (int k = 3; k >= 5 - count; k--) out.write((int) (tuple >>> (8 * k)) & 0xff);
        }
        return out.toByteArray();
    }
}
