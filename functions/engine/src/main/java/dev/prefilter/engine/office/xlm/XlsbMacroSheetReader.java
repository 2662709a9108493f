package dev.prefilter.engine.office.xlm;

import static dev.prefilter.engine.binary.Bytes.u32le;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cell formulas of an .xlsb macro sheet part (BIFF12 records, MS-XLSB 2.1.4): BrtRowHdr (0)
 * gives the row; BrtFmlaString (8), BrtFmlaNum (9), BrtFmlaBool (10) and BrtFmlaError (11) hold
 * a cell (column, style), the cached value, flags and the formula (cce, rgce), decoded like BIFF8
 * with BIFF12 token sizes.
 */
final class XlsbMacroSheetReader {

    private static final int ROW_HEADER = 0;
    private static final int FMLA_STRING = 8;
    private static final int FMLA_NUM = 9;
    private static final int FMLA_BOOL = 10;
    private static final int FMLA_ERROR = 11;

    private final BiffFormulaDecoder decoder;
    private final int maxFormulas;

    XlsbMacroSheetReader(XlmFunctions functions, int maxFormulas) {
        this.decoder = new BiffFormulaDecoder(functions);
        this.maxFormulas = maxFormulas;
    }

    /** Formulas in record order; {@code problems} says where the record stream broke off. */
    List<XlmWorkbook.Formula> read(byte[] d, String part, List<String> problems) {
        List<XlmWorkbook.Formula> formulas = new ArrayList<>();
        long row = 0;
        int pos = 0;
        while (pos < d.length && formulas.size() < maxFormulas) {
            int[] type = varint(d, pos, 2);
            int[] size = type == null ? null : varint(d, type[1], 4);
            if (size == null || size[0] < 0 || size[1] + (long) size[0] > d.length) {
                problems.add(part + ": BIFF12 record at " + pos + " runs past the end of the part");
                break;
            }
            int start = size[1];
            int len = size[0];
            if (type[0] == ROW_HEADER && len >= 4) {
                row = u32le(d, start);
            } else if (type[0] >= FMLA_STRING && type[0] <= FMLA_ERROR) {
                java.util.Optional<XlmWorkbook.Formula> formula =
                        len >= 8 ? formula(d, start, len, type[0], row) : java.util.Optional.empty();
                if (formula.isPresent()) formulas.add(formula.get());
                else problems.add(part + ": the formula record at " + pos + " is cut short or malformed");
            }
            pos = start + len;
        }
        return formulas;
    }

    private java.util.Optional<XlmWorkbook.Formula> formula(byte[] d, int start, int len, int type, long row) {
        int end = start + len;
        long col = u32le(d, start);
        int p = start + 8;
        switch (type) {
            case FMLA_STRING -> {
                if (p + 4 > end) return java.util.Optional.empty();
                long cch = u32le(d, p);
                p += 4 + (int) Math.min(cch * 2, end);
            }
            case FMLA_NUM -> p += 8;
            default -> p += 1;
        }
        p += 2;
        if (p + 4 > end) return java.util.Optional.empty();
        long cce = u32le(d, p);
        p += 4;
        if (cce <= 0 || p + cce > end) return java.util.Optional.empty();
        BiffFormulaDecoder.Decoded decoded =
                decoder.decode(d, p, (int) cce, BiffVersion.BIFF12, StandardCharsets.UTF_16LE, i -> "NAME#" + i);
        String text = decoded.complete() ? decoded.text() : decoded.text() + " …(not fully decoded)";
        return java.util.Optional.of(new XlmWorkbook.Formula(
                "R" + (row + 1) + "C" + ((col & 0x3fff) + 1), text, decoded.functions(), decoded.strings()));
    }

    /** BIFF12 record header numbers: 7 bits per byte, high bit continues, at most {@code maxBytes} bytes. */
    static int[] varint(byte[] d, int pos, int maxBytes) {
        int value = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (pos + i >= d.length) return null;
            int b = d[pos + i] & 0xff;
            value |= (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) return new int[] {value, pos + i + 1};
        }
        return new int[] {value, pos + maxBytes};
    }
}
