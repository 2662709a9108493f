package dev.prefilter.engine.office.xlm;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.DamagedInput;
import dev.prefilter.engine.office.OfficeTypes;
import dev.prefilter.engine.office.Ole2Files;
import dev.prefilter.engine.office.OoxmlPackage;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Optional;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Excel 4.0 (XLM) macros in .xls (BIFF8 and BIFF5 in a Compound File, BIFF2-4 bare), .xlsm/.xltm/.xlam,
 * .xlsb and .slk. The readers ({@link BiffMacroReader}, {@link LegacyBiffReader}, {@link OoxmlMacroReader},
 * {@link SylkMacroReader}) turn each
 * format into an {@link XlmWorkbook}; {@link XlmFindings} says what it means. An encrypted BIFF
 * workbook is left to the decryption analyzer, which hands the plaintext back as a child.
 */
public final class XlmAnalyzer implements Analyzer {

    private static final String SYLK = "application/x-sylk";

    private final XlmFunctions functions = XlmFunctions.standard();

    @Override
    public String name() {
        return "xlm";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return OfficeTypes.isExcelOle2(node)
                || OfficeTypes.isSpreadsheetOoxml(node)
                || OfficeTypes.isLegacyExcel(node)
                || node.is(SYLK);
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        long max = ctx.limits().maxInMemoryParse();
        Optional<XlmWorkbook> workbook;
        try {
            workbook = DamagedInput.guard(() -> read(ctx, max));
        } catch (IOException e) {
            ctx.report(Finding.of(
                            "parse.xlm", Severity.HIGH, "the workbook could not be read to look for Excel 4.0 macros")
                    .with("error", Evidence.text(e.getMessage()))
                    .build());
            return;
        }
        if (workbook.isEmpty() || workbook.get().encrypted()) return;
        new XlmFindings(ctx, functions).report(workbook.get());
    }

    private Optional<XlmWorkbook> read(AnalysisContext ctx, long max) throws IOException {
        Optional<XlmWorkbook> workbook;
        {
            if (ctx.node().is(SYLK)) {
                workbook = Optional.of(new SylkMacroReader()
                        .read(new String(ctx.content().readAll(max), Charset.forName("windows-1252")), ctx::checkTime));
            } else if (OfficeTypes.isLegacyExcel(ctx.node())) {
                workbook = Optional.of(
                        new LegacyBiffReader(functions).read(ctx.content().readAll(max), ctx::checkTime));
            } else if (OfficeTypes.isSpreadsheetOoxml(ctx.node())) {
                try (OoxmlPackage pkg = OoxmlPackage.open(ctx.content(), max)) {
                    workbook = new OoxmlMacroReader(functions, max).read(pkg, ctx::checkTime);
                }
            } else {
                try (POIFSFileSystem fs = Ole2Files.open(ctx.content(), max)) {
                    workbook = Optional.of(new BiffMacroReader(functions, max).read(fs.getRoot(), ctx::checkTime));
                }
            }
        }
        return workbook;
    }
}
