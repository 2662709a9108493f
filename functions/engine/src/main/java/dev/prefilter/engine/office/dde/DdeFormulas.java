package dev.prefilter.engine.office.dde;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DDE references inside spreadsheet formulas: {@code service|'topic'!item} (Excel's external
 * reference to a DDE server, the {@code =cmd|' /c calc'!A0} attack) and the {@code DDE()}
 * function of LibreOffice. The pipe is not an Excel operator, so a pipe reference in a formula
 * is always DDE.
 */
public final class DdeFormulas {

    private static final Pattern REFERENCE = Pattern.compile("(?<service>[A-Za-z0-9_.\\-]{1,64})\\s*\\|\\s*"
            + "(?:'(?<quoted>[^'\\r\\n]{0,4000})'|(?<bare>[^!'\"\\s|]{1,4000}))\\s*!");
    private static final Pattern FUNCTION = Pattern.compile("(?i)(?<![A-Za-z0-9_.])DDE(?:AUTO)?\\s*\\(");

    /** One DDE use in a formula: the server (application) and the topic (for cmd, the command line). */
    public record Use(String service, String topic) {}

    private DdeFormulas() {}

    public static List<Use> find(String formula) {
        List<Use> uses = new ArrayList<>();
        Matcher m = REFERENCE.matcher(formula);
        while (m.find() && uses.size() < 16) {
            String topic = m.group("quoted") != null ? m.group("quoted") : m.group("bare");
            uses.add(new Use(m.group("service"), topic));
        }
        Matcher f = FUNCTION.matcher(formula);
        if (f.find()) {
            uses.add(new Use("DDE()", formula.substring(f.start(), Math.min(formula.length(), f.start() + 300))));
        }
        return uses;
    }

    /** Whether a cell's text is a formula to a spreadsheet program: it starts with =, +, - or @. */
    public static boolean formulaCell(String cell) {
        String s = cell.stripLeading();
        while (s.startsWith("\"") || s.startsWith("'")) {
            s = s.substring(1).stripLeading();
        }
        return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0;
    }
}
