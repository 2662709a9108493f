package dev.prefilter.engine.office.xlm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SYLK ({@code .slk}) spreadsheets: an {@code O} record with the {@code E} field marks a macro
 * sheet, {@code NN} records define names ({@code NN;NAuto_Open;ER1C1} runs on opening), and
 * {@code C} records carry cell formulas in their {@code E} field. A file with command functions
 * (EXEC, CALL, REGISTER, HALT …) in its formulas is treated as a macro sheet even without the
 * {@code O;E} marker.
 */
public final class SylkMacroReader {

    private static final Set<String> COMMANDS = Set.of(
            "EXEC",
            "CALL",
            "REGISTER",
            "REGISTER.ID",
            "HALT",
            "RETURN",
            "ALERT",
            "RUN",
            "FORMULA",
            "FORMULA.FILL",
            "GOTO",
            "FOPEN",
            "FWRITE",
            "FWRITELN",
            "FILE.DELETE",
            "SET.NAME",
            "SET.VALUE",
            "WORKBOOK.HIDE");
    private static final int MAX_FORMULAS = 5_000;

    public XlmWorkbook read(String text, Runnable checkTime) {
        boolean macroSheet = false;
        List<XlmWorkbook.Name> names = new ArrayList<>();
        List<XlmWorkbook.Formula> formulas = new ArrayList<>();
        int row = 0;
        int col = 0;
        int lineNo = 0;
        for (String line : text.split("\r\n|\r|\n")) {
            if ((++lineNo & 0xfff) == 0) checkTime.run();
            List<String> fields = fields(line);
            if (fields.isEmpty()) continue;
            switch (fields.get(0)) {
                case "O" -> {
                    if (fields.stream().skip(1).anyMatch("E"::equals)) macroSheet = true;
                }
                case "NN" -> {
                    String name = null;
                    String expr = null;
                    for (String f : fields.subList(1, fields.size())) {
                        if (f.startsWith("N")) name = f.substring(1);
                        else if (f.startsWith("E")) expr = f.substring(1);
                    }
                    if (name != null) {
                        XlmWorkbook.Name n = new XlmWorkbook.Name(name, false, false, expr);
                        if (BiffMacroReader.autoRun(n)) names.add(n);
                    }
                }
                case "C", "F" -> {
                    String formula = null;
                    for (String f : fields.subList(1, fields.size())) {
                        if (f.startsWith("Y")) row = number(f.substring(1), row);
                        else if (f.startsWith("X")) col = number(f.substring(1), col);
                        else if (f.startsWith("E") && fields.get(0).equals("C")) formula = f.substring(1);
                    }
                    if (formula != null && formulas.size() < MAX_FORMULAS) {
                        formulas.add(OoxmlMacroReader.formula("R" + row + "C" + col, formula));
                    }
                }
                default -> {
                    // ID, P (formats), B (bounds), E (end) and others hold no code
                }
            }
        }
        boolean commands =
                formulas.stream().anyMatch(f -> f.functions().stream().anyMatch(COMMANDS::contains));
        List<XlmWorkbook.Sheet> sheets = macroSheet || commands || !names.isEmpty()
                ? List.of(new XlmWorkbook.Sheet("(SYLK sheet)", "visible", formulas, true))
                : List.of();
        return new XlmWorkbook("slk", sheets, names, false, List.of());
    }

    /** Fields split on {@code ;}, with {@code ;;} standing for a literal semicolon. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ';') {
                if (i + 1 < line.length() && line.charAt(i + 1) == ';') {
                    cur.append(';');
                    i++;
                } else {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int number(String s, int fallback) {
        try {
            return s.length() > 9 ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
