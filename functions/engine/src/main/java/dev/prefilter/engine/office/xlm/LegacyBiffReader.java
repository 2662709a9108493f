package dev.prefilter.engine.office.xlm;

import static dev.prefilter.engine.binary.Bytes.u16le;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Excel 2.x, 3.0 and 4.0 files: a bare BIFF2/3/4 record stream (no Compound File). Each file is
 * one sheet, or with Excel 4.0's workbook (BIFF4W) several substreams; the BOF record's type says
 * whether one is a worksheet, a chart or a macro sheet. Excel 4.0 macro sheets exist here too:
 * they are found with their FORMULA records and the auto-run names of the NAME records. BIFF4
 * formulas are decoded like BIFF5's (the same token sizes for what macros use: functions, strings,
 * cell references); BIFF2 and BIFF3 formulas are counted, not decoded.
 */
final class LegacyBiffReader {

    private static final int BOF_BIFF2 = 0x0009;
    private static final int BOF_BIFF3 = 0x0209;
    private static final int BOF_BIFF4 = 0x0409;
    private static final int EOF = 0x000A;
    private static final int FILEPASS = 0x002F;
    private static final int NAME_BIFF34 = 0x0218;
    private static final int FORMULA_BIFF2 = 0x0006;
    private static final int FORMULA_BIFF3 = 0x0206;
    private static final int FORMULA_BIFF4 = 0x0406;
    private static final int TYPE_MACRO_SHEET = 0x0040;
    private static final int MAX_FORMULAS_PER_SHEET = 5_000;
    private static final Charset CHARSET = Charset.forName("windows-1252");

    private final BiffFormulaDecoder decoder;

    LegacyBiffReader(XlmFunctions functions) {
        this.decoder = new BiffFormulaDecoder(functions);
    }

    /** Whether the bytes begin with a BIFF2, BIFF3 or BIFF4 BOF record. */
    static boolean isLegacyBiff(byte[] head) {
        if (head.length < 4) return false;
        int sid = u16le(head, 0);
        return sid == BOF_BIFF2 || sid == BOF_BIFF3 || sid == BOF_BIFF4;
    }

    XlmWorkbook read(byte[] data, Runnable checkTime) {
        List<String> problems = new ArrayList<>();
        List<XlmWorkbook.Sheet> macroSheets = new ArrayList<>();
        List<XlmWorkbook.Name> autoRun = new ArrayList<>();
        int version = 0;
        List<XlmWorkbook.Formula> current = null;
        int formulaRecords = 0;
        int substreams = 0;
        boolean encrypted = false;
        int pos = 0;
        int count = 0;
        while (pos + 4 <= data.length && !encrypted) {
            if ((++count & 0x3fff) == 0) checkTime.run();
            int sid = u16le(data, pos);
            int len = u16le(data, pos + 2);
            int start = pos + 4;
            if (start + len > data.length) {
                if (current != null || version == 0)
                    problems.add(String.format("record 0x%04x at %d runs past the end of the file", sid, pos));
                break;
            }
            if (sid == BOF_BIFF2 || sid == BOF_BIFF3 || sid == BOF_BIFF4) {
                version = sid == BOF_BIFF2 ? 2 : sid == BOF_BIFF3 ? 3 : 4;
                substreams++;
                int type = len >= 4 ? u16le(data, start + 2) : 0;
                current = type == TYPE_MACRO_SHEET ? new ArrayList<>() : null;
                formulaRecords = 0;
                if (current != null) {
                    macroSheets.add(
                            new XlmWorkbook.Sheet("macro sheet " + substreams, "visible", current, version == 4));
                }
            } else if (sid == EOF) {
                current = null;
            } else if (sid == FILEPASS) {
                encrypted = true;
            } else if (sid == NAME_BIFF34 && len >= 6) {
                XlmWorkbook.Name name = name(data, start, len);
                if (BiffMacroReader.autoRun(name)) autoRun.add(name);
            } else if (current != null && isFormula(sid) && formulaRecords++ < MAX_FORMULAS_PER_SHEET) {
                current.add(formula(data, start, len, sid));
            }
            pos = start + len;
        }
        if (version == 0) problems.add("no BIFF2, BIFF3 or BIFF4 BOF record at the start");
        else if (current != null && problems.isEmpty() && !encrypted)
            problems.add("the file ends inside a macro sheet (no EOF record): it is truncated");
        return new XlmWorkbook(version == 0 ? "biff" : "biff" + version, macroSheets, autoRun, encrypted, problems);
    }

    private static boolean isFormula(int sid) {
        return sid == FORMULA_BIFF2 || sid == FORMULA_BIFF3 || sid == FORMULA_BIFF4;
    }

    /**
     * FORMULA: BIFF3/4 row, column, XF, cached value (8), flags, cce, rgce; BIFF2 has 3 attribute
     * bytes for the XF, a 1-byte flag and a 1-byte cce.
     */
    private XlmWorkbook.Formula formula(byte[] d, int start, int len, int sid) {
        int row = len >= 2 ? u16le(d, start) : 0;
        int col = len >= 4 ? (sid == FORMULA_BIFF2 ? d[start + 2] & 0xff : u16le(d, start + 2)) : 0;
        String cell = "R" + (row + 1) + "C" + ((col & 0x3fff) + 1);
        if (sid != FORMULA_BIFF4 || len < 18)
            return new XlmWorkbook.Formula(cell, "(not decoded)", List.of(), List.of());
        int cce = Math.min(u16le(d, start + 16), len - 18);
        BiffFormulaDecoder.Decoded decoded =
                decoder.decode(d, start + 18, Math.max(0, cce), BiffVersion.BIFF5, CHARSET, i -> "NAME#" + i);
        String text = decoded.complete() ? decoded.text() : decoded.text() + " …(not fully decoded)";
        return new XlmWorkbook.Formula(cell, text, decoded.functions(), decoded.strings());
    }

    /** NAME (BIFF3/4): flags, keyboard shortcut, name length, formula size, the name (a code when built in). */
    private static XlmWorkbook.Name name(byte[] d, int start, int len) {
        int flags = u16le(d, start);
        boolean hidden = (flags & 0x0001) != 0;
        boolean builtin = (flags & 0x0020) != 0;
        int cch = Math.min(d[start + 3] & 0xff, len - 6);
        String text;
        if (builtin && cch >= 1) {
            int code = d[start + 6] & 0xff;
            text = code == 1 ? "Auto_Open" : code == 10 ? "Auto_Activate" : "BUILTIN#" + code;
        } else {
            text = new String(d, start + 6, Math.max(0, cch), CHARSET);
        }
        return new XlmWorkbook.Name(
                text.toLowerCase(Locale.ROOT).startsWith("_xlnm.") ? text.substring(6) : text, builtin, hidden, null);
    }
}
