package dev.prefilter.engine.office.vba;

import java.util.ArrayList;
import java.util.List;

/**
 * VBA source as logical lines: continuation lines ({@code " _"} at the end) joined, each with the
 * line number the VBA editor shows for its first physical line. The editor hides
 * {@code Attribute} lines, so they are left out and not counted.
 */
final class SourceLines {

    record Line(int number, String text) {}

    private SourceLines() {}

    static List<Line> of(String source) {
        String[] physical = source.split("\r\n|\r|\n", -1);
        List<Line> lines = new ArrayList<>(physical.length);
        StringBuilder pending = null;
        int start = 0;
        int number = 0;
        for (String p : physical) {
            if (pending == null && isAttribute(p)) continue;
            number++;
            boolean continues = p.endsWith(" _") || p.equals("_");
            String body = continues ? p.substring(0, p.length() - 1) : p;
            if (pending == null) {
                pending = new StringBuilder(body);
                start = number;
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
        return ATTRIBUTE.matcher(line).lookingAt();
    }

    private static final java.util.regex.Pattern ATTRIBUTE =
            java.util.regex.Pattern.compile("(?i)Attribute\\s+[\\w.]+\\s*=");
}
