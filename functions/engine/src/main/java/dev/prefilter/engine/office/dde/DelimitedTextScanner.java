package dev.prefilter.engine.office.dde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DDE formulas in text that Excel opens as a sheet: CSV cells that start with {@code = + - @}
 * (CSV injection), and the {@code ;E} expression of SYLK {@code C} records.
 */
final class DelimitedTextScanner {

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HITS = 100;

    private DelimitedTextScanner() {
    }

    static List<DdeHit> scan(InputStream raw, boolean sylk, long maxBytes, Runnable checkTime) throws IOException {
        List<DdeHit> hits = new ArrayList<>();
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        Charset charset = charset(in);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset));
        long read = 0;
        int lineNo = 0;
        StringBuilder line = new StringBuilder();
        while (hits.size() < MAX_HITS && read < maxBytes) {
            int c = reader.read();
            if (c < 0 || c == '\n') {
                lineNo++;
                if (lineNo % 10_000 == 0) {
                    checkTime.run();
                }
                scanLine(line.toString(), lineNo, sylk, hits);
                line.setLength(0);
                if (c < 0) {
                    break;
                }
            } else if (line.length() < MAX_LINE) {
                line.append((char) c);
            }
            read++;
        }
        return hits;
    }

    private static void scanLine(String line, int lineNo, boolean sylk, List<DdeHit> hits) {
        if (line.indexOf('|') < 0 && !line.toUpperCase(Locale.ROOT).contains("DDE")) {
            return;
        }
        if (sylk) {
            int e = line.startsWith("C;") ? line.indexOf(";E") : -1;
            if (e >= 0) {
                add(line.substring(e + 2), lineNo, hits);
            }
            return;
        }
        for (int start : cellStarts(line)) {
            String rest = line.substring(start);
            if (DdeFormulas.formulaCell(rest)) {
                if (add(rest, lineNo, hits)) {
                    return;
                }
            }
        }
    }

    private static boolean add(String formula, int lineNo, List<DdeHit> hits) {
        List<DdeFormulas.Use> uses = DdeFormulas.find(formula);
        for (DdeFormulas.Use use : uses) {
            hits.add(new DdeHit(DdeHit.Kind.FORMULA, use.service(), formula.strip(), "line " + lineNo));
        }
        return !uses.isEmpty();
    }

    /** Where each cell begins: after a separator (comma, semicolon, tab) outside quotes. */
    private static List<Integer> cellStarts(String line) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        boolean quoted = false;
        for (int i = 0; i < line.length() && starts.size() < 4096; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ',' || c == ';' || c == '\t')) {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    private static Charset charset(PushbackInputStream in) throws IOException {
        byte[] bom = in.readNBytes(2);
        if (bom.length == 2 && (bom[0] & 0xff) == 0xFF && (bom[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (bom.length == 2 && (bom[0] & 0xff) == 0xFE && (bom[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        in.unread(bom);
        return StandardCharsets.ISO_8859_1;
    }
}
