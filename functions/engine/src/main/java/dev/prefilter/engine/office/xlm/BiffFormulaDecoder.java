package dev.prefilter.engine.office.xlm;

import java.nio.charset.Charset;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Walks the parsed-expression tokens (Ptgs) of a BIFF5, BIFF8 or BIFF12 (.xlsb) cell formula in
 * reverse Polish order and renders it as R1C1 text, keeping the function names and the string
 * constants, including strings that {@code CHAR()} calls and {@code &} joins build. POI's Ptg
 * classes read BIFF8 only and stop at macro-sheet function indices they do not know; here each
 * token has a reader in {@link FormulaTokens} that knows its size in every version, and functions
 * are named through {@link XlmFunctions}. An unknown token or one cut off by the end of the
 * formula ends the walk; what was read is kept.
 */
final class BiffFormulaDecoder {

    record Decoded(String text, List<String> functions, List<String> strings, int charCalls, boolean complete) {}

    private static final int MAX_TOKENS = 10_000;

    private final XlmFunctions functions;

    BiffFormulaDecoder(XlmFunctions functions) {
        this.functions = functions;
    }

    Decoded decode(
            byte[] rgce,
            int offset,
            int length,
            BiffVersion version,
            Charset charset,
            IntFunction<String> nameByIndex) {
        return decode(rgce, offset, length, version, charset, nameByIndex, i -> null);
    }

    /**
     * @param sheetBy3dIndex the sheet name for a 3-D reference's index (BIFF8/12: the EXTERNSHEET
     *     entry; BIFF5: the sheet's position), or null when unknown
     */
    Decoded decode(
            byte[] rgce,
            int offset,
            int length,
            BiffVersion version,
            Charset charset,
            IntFunction<String> nameByIndex,
            IntFunction<String> sheetBy3dIndex) {
        FormulaWalk walk =
                new FormulaWalk(rgce, offset, length, version, charset, functions, nameByIndex, sheetBy3dIndex);
        int tokens = 0;
        try {
            while (walk.more() && tokens++ < MAX_TOKENS) {
                FormulaTokens.Reader reader = FormulaTokens.reader(walk.next());
                if (reader == null) return walk.decoded(false);
                reader.read(walk);
            }
        } catch (FormulaWalk.Unreadable cutOff) {
            return walk.decoded(false);
        }
        return walk.decoded(true);
    }
}
