package dev.prefilter.engine.office.vba;

import java.util.ArrayList;
import java.util.List;

/** VBA source as logical lines: continuation lines ({@code " _"} at the end) joined, each with its first physical line number. */
final class SourceLines {

    record Line(int number, String text) {
    }

    private SourceLines() {
    }

    static List<Line> of(String source) {
        String[] physical = source.split("\r\n|\r|\n", -1);
        List<Line> lines = new ArrayList<>(physical.length);
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String p = physical[i];
            boolean continues = p.endsWith(" _") || p.equals("_");
            String body = continues ? p.substring(0, p.length() - 1) : p;
            if (pending == null) {
                pending = new StringBuilder(body);
                start = i + 1;
            } else {
                pending.append(body);
            }
            if (!continues || pending.length() > 100_000) {
                lines.add(new Line(start, pending.toString()));
                pending = null;
            }
        }
        if (pending != null) lines.add(new Line(start, pending.toString()));
        return lines;
    }

    /** True for the {@code Attribute VB_...} header lines the VBA editor writes and hides. */
    static boolean isAttribute(String line) {
        return line.regionMatches(true, 0, "Attribute VB_", 0, 13);
    }
}
