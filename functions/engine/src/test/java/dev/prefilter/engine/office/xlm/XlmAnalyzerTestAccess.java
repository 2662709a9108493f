package dev.prefilter.engine.office.xlm;

/** Lets other test packages reuse the XLM fixtures. */
public final class XlmAnalyzerTestAccess {

    private XlmAnalyzerTestAccess() {}

    public static byte[] droppingWorkbook() {
        return XlmAnalyzerTest.droppingWorkbook();
    }

    public static byte[] xlsbMacroSheet() {
        return XlmAnalyzerTest.xlsbMacroSheet();
    }
}
