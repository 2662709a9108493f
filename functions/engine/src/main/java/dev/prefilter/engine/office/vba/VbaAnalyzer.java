package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.CompoundFileCheck;
import dev.prefilter.engine.office.DamagedInput;
import dev.prefilter.engine.office.OfficeTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * VBA macros in Office documents: finds every project ({@link VbaProjectLocator}), scans the
 * source ({@link VbaSourceScanner}), compares it with the compiled p-code
 * ({@link StompingDetector}) and reports through {@link VbaFindings}. Documents without a
 * project get no finding at all.
 */
public final class VbaAnalyzer implements Analyzer {

    /** Most decompressed source kept per project; documents above it get a limit finding. */
    static final int MAX_SOURCE_BYTES = 16 << 20;

    private final VbaKeywords keywords;
    private final VbaSourceScanner scanner;
    private final StompingDetector stomping;

    public VbaAnalyzer() {
        this(VbaKeywords.standard());
    }

    VbaAnalyzer(VbaKeywords keywords) {
        this.keywords = keywords;
        this.scanner = new VbaSourceScanner(keywords);
        this.stomping = new StompingDetector(keywords);
    }

    @Override
    public String name() {
        return "vba";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return OfficeTypes.isOle2Office(node) || OfficeTypes.isOoxml(node);
    }

    /**
     * Structure the file lacks while a stream needs it is damage that can hide macros; structure past
     * the end that nothing uses is a writer's slack, noted and no more.
     */
    private static void compoundFile(AnalysisContext ctx) throws IOException {
        CompoundFileCheck check = CompoundFileCheck.of(ctx.content());
        check.damage()
                .ifPresent(problem -> ctx.report(Finding.of(
                                "parse.compound-file",
                                Severity.HIGH,
                                "the Office file is truncated or damaged: parts of it (macros included) cannot be read")
                        .with("problem", problem)
                        .build()));
        check.quirk()
                .ifPresent(quirk -> ctx.report(Finding.of(
                                "office.compound-file-quirk",
                                Severity.INFO,
                                "the Compound File has structure past its end that no stream uses; every stream reads"
                                        + " whole")
                        .with("quirk", quirk)
                        .build()));
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        long maxInMemory = ctx.limits().maxInMemoryParse();
        VbaProjectLocator locator =
                new VbaProjectLocator(new VbaProjectReader(MAX_SOURCE_BYTES, maxInMemory), maxInMemory);
        if (OfficeTypes.isOle2Office(ctx.node())) compoundFile(ctx);
        VbaProjectLocator.Located located;
        try {
            located = DamagedInput.guard(() -> locator.locate(ctx.node(), ctx.content()));
        } catch (IOException e) {
            VbaFindings.unreadable(ctx, e);
            return;
        }
        VbaFindings findings = new VbaFindings(ctx);
        findings.containerProblems(located.problems());
        if (located.projects().isEmpty()) return;
        List<VbaSourceScanner.ModuleText> texts = new ArrayList<>();
        for (VbaProject project : located.projects()) {
            for (VbaModule m : project.modules()) texts.add(new VbaSourceScanner.ModuleText(m.name(), m.source()));
        }
        MacroScan scan = scanner.scan(texts, ctx::checkTime);
        List<StompingDetector.Result> stomped = new ArrayList<>();
        for (VbaProject project : located.projects()) {
            ctx.checkTime();
            stomped.add(stomping.compare(project));
        }
        findings.report(located.projects(), scan, stomped);
    }
}
