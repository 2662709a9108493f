package dev.prefilter.engine.office.xlm;

import java.util.List;

/**
 * The Excel 4.0 macro content of one workbook, whatever its format.
 *
 * @param format biff8, biff5, xlsm, xlsb or slk
 * @param macroSheets macro sheets in workbook order
 * @param autoRunNames defined names that Excel runs by itself (Auto_Open and names beginning with it, Auto_Activate …)
 * @param encrypted the workbook stream is encrypted (FILEPASS): nothing after it was read
 * @param problems what could not be read
 */
public record XlmWorkbook(
        String format, List<Sheet> macroSheets, List<Name> autoRunNames, boolean encrypted, List<String> problems) {

    /**
     * @param state visible, hidden or very-hidden
     * @param formulasDecoded false when the format's formulas are not decoded (xlsb), so an empty list says nothing
     */
    public record Sheet(String name, String state, List<Formula> formulas, boolean formulasDecoded) {}

    /**
     * @param cell A1 or R1C1 reference
     * @param text the formula as text, as far as it could be rendered
     * @param functions function names the formula calls, in order
     * @param strings string constants in the formula
     */
    public record Formula(String cell, String text, List<String> functions, List<String> strings) {}

    /** @param refersTo what the name points at, as text, when known */
    public record Name(String name, boolean builtin, boolean hidden, String refersTo) {}
}
