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
    /**
     * Excel splits CSV on the locale's list separator: a comma, or a semicolon in much of Europe; tabs
     * for .txt exports.
     */
    private static final char[] SEPARATORS = {',', ';', '\t'};

    private DelimitedTextScanner() {}

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
        for (char separator : SEPARATORS) {
            for (String cell : cells(line, separator)) {
                if (DdeFormulas.formulaCell(cell) && add(cell, lineNo, hits)) {
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

    /**
     * The cells of one line split on {@code separator} as Excel reads CSV: a cell that starts with
     * a double quote runs to the matching quote ({@code ""} is a quote inside it); a single quote
     * does not protect a separator.
     */
    static List<String> cells(String line, char separator) {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i <= n && cells.size() < 4096) {
            StringBuilder cell = new StringBuilder();
            int j = i;
            while (j < n && line.charAt(j) == ' ') {
                j++;
            }
            if (j < n && line.charAt(j) == '"') {
                j++;
                while (j < n) {
                    char c = line.charAt(j);
                    if (c == '"' && j + 1 < n && line.charAt(j + 1) == '"') {
                        cell.append('"');
                        j += 2;
                    } else if (c == '"') {
                        j++;
                        break;
                    } else {
                        cell.append(c);
                        j++;
                    }
                }
                while (j < n && line.charAt(j) != separator) {
                    cell.append(line.charAt(j++));
                }
            } else {
                j = i;
                while (j < n && line.charAt(j) != separator) {
                    cell.append(line.charAt(j++));
                }
            }
            cells.add(cell.toString());
            i = j + 1;
        }
        return cells;
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
