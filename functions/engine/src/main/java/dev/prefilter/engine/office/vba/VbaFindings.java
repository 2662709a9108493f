package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a VBA scan into findings and facts for one node. */
final class VbaFindings {

    private static final int FIRST_LINES = 5;
    private static final int MAX_MODULE_FACTS = 256;

    /** What the report's facts say about one module. */
    record ModuleFact(String name, String stream, String kind, int size, String sha256, List<String> firstLines) {}

    record ProjectFact(String storage, int codePage, List<ModuleFact> modules) {}

    private final AnalysisContext ctx;

    VbaFindings(AnalysisContext ctx) {
        this.ctx = ctx;
    }

    static void unreadable(AnalysisContext ctx, Exception e) {
        ctx.report(Finding.of(
                        "parse.vba", Severity.HIGH, "the document's structure could not be read to look for VBA macros")
                .withError(e)
                .build());
    }

    void containerProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            ctx.report(Finding.of(
                            "parse.vba",
                            Severity.HIGH,
                            "part of the document could not be read while looking for VBA projects")
                    .with(
                            "problems",
                            problems.stream().limit(10).map(Evidence::text).toList())
                    .build());
        }
    }

    void report(List<VbaProject> projects, MacroScan scan, List<StompingDetector.Result> stomping) {
        List<ProjectFact> facts = new ArrayList<>();
        List<String> moduleNames = new ArrayList<>();
        int modules = 0;
        for (VbaProject p : projects) {
            List<ModuleFact> mf = new ArrayList<>();
            for (VbaModule m : p.modules()) {
                if (mf.size() < MAX_MODULE_FACTS)
                    mf.add(new ModuleFact(
                            m.name(), m.streamName(), m.kind(), m.sourceBytes(), m.sha256(), firstLines(m.source())));
                moduleNames.add(Evidence.text(m.name(), 64));
                modules++;
            }
            facts.add(new ProjectFact(p.storagePath(), p.codePage(), mf));
            reportProblems(p);
        }
        Map<String, Object> vba = new LinkedHashMap<>();
        vba.put("projects", facts);
        vba.put("flags", scan.flags().label());
        ctx.fact("vba", vba);
        if (modules == 0) return;
        if (projects.stream()
                .allMatch(p -> p.modules().stream().allMatch(m -> SourceStatements.count(m.source()) == 0))) {
            // Office keeps a project with empty document modules once the VBA editor was opened, and empty
            // procedure stubs (an Auto_Open with no statement) do nothing either: nothing can run
            ctx.report(Finding.of(
                            "vba.empty-project",
                            Severity.INFO,
                            "the document has a VBA project whose modules hold no statement that can run")
                    .with("modules", moduleNames.stream().limit(50).toList())
                    .build());
            for (int i = 0; i < projects.size(); i++) {
                stompingFinding(projects.get(i), stomping.get(i), scan.flags());
            }
            return;
        }

        ctx.report(Finding.of(
                        "vba.macros",
                        Severity.HIGH,
                        "the document contains VBA macros (" + modules + " module" + (modules == 1 ? "" : "s") + ")")
                .with("modules", moduleNames.stream().limit(50).toList())
                .with("flags", scan.flags().label())
                .build());
        MacroScanFindings shared = new MacroScanFindings(ctx, "vba");
        shared.keywords(scan);
        macroRaptor(scan);
        shared.iocs(scan);
        shared.obfuscations(scan);
        for (int i = 0; i < projects.size(); i++) {
            stompingFinding(projects.get(i), stomping.get(i), scan.flags());
        }
    }

    private void reportProblems(VbaProject p) {
        List<String> cut = p.problems().stream()
                .filter(s -> s.contains("-byte bound for one project"))
                .toList();
        if (!cut.isEmpty()) {
            ctx.report(Finding.of(
                            "limit.vba-source",
                            Severity.HIGH,
                            "the VBA source is larger than " + VbaAnalyzer.MAX_SOURCE_BYTES
                                    + " bytes: the rest was not scanned")
                    .with("storage", p.storagePath())
                    .build());
        }
        List<String> other = p.problems().stream().filter(s -> !cut.contains(s)).toList();
        if (!other.isEmpty()) {
            ctx.report(Finding.of(
                            "parse.vba",
                            Severity.HIGH,
                            "the VBA project is damaged or unusual: some of it could not be read")
                    .with("storage", p.storagePath())
                    .with(
                            "problems",
                            other.stream().limit(10).map(Evidence::text).toList())
                    .build());
        }
    }

    /** MacroRaptor: an auto-run trigger and a write or an execution. */
    private void macroRaptor(MacroScan scan) {
        if (!scan.flags().suspicious()) return;
        MacroScan.KeywordHit trigger = scan.firstOf("A");
        MacroScan.KeywordHit action = scan.firstOf("X") != null ? scan.firstOf("X") : scan.firstOf("W");
        ctx.report(Finding.of(
                        "vba.autoexec-write-execute",
                        Severity.CRITICAL,
                        "a macro runs by itself when the document opens and "
                                + (scan.flags().execute() ? "executes code" : "writes to disk")
                                + " (MacroRaptor's rule)")
                .with("flags", scan.flags().label())
                .with("trigger", Evidence.text(trigger.keyword(), 80))
                .with("triggerModule", Evidence.text(trigger.module(), 64))
                .with("triggerLine", trigger.line())
                .with("action", Evidence.text(action.keyword(), 80))
                .with("actionModule", Evidence.text(action.module(), 64))
                .with("actionLine", action.line())
                .with("code", Evidence.text(action.text().strip(), 200))
                .build());
    }

    private void stompingFinding(VbaProject project, StompingDetector.Result result, MacroFlags sourceFlags) {
        if (!result.stomped()) return;
        MacroFlags combined = new MacroFlags(
                sourceFlags.autoExec() || result.compiledFlags().autoExec(),
                sourceFlags.write() || result.compiledFlags().write(),
                sourceFlags.execute() || result.compiledFlags().execute());
        boolean hiddenBehaviour = combined.suspicious() && !sourceFlags.suspicious();
        ctx.report(Finding.of(
                        "vba.stomping",
                        hiddenBehaviour ? Severity.CRITICAL : Severity.HIGH,
                        "the compiled p-code uses names that the VBA source does not "
                                + "contain: the source shown is not what Office runs (VBA stomping)")
                .with("storage", project.storagePath())
                .with(
                        "modules",
                        result.modules().stream()
                                .limit(20)
                                .map(m -> Evidence.text(m, 64))
                                .toList())
                .with(
                        "onlyInPcode",
                        result.onlyCompiled().entrySet().stream()
                                .limit(20)
                                .map(e -> Evidence.text(e.getKey(), 80) + " (" + e.getValue() + ")")
                                .toList())
                .with("flags", hiddenBehaviour ? combined.label() : null)
                .build());
    }

    private static List<String> firstLines(String source) {
        List<String> lines = new ArrayList<>();
        for (SourceLines.Line line : SourceLines.of(source)) {
            if (SourceLines.isAttribute(line.text()) || line.text().isBlank()) continue;
            lines.add(Evidence.text(line.text().strip(), 200));
            if (lines.size() >= FIRST_LINES) break;
        }
        return lines;
    }
}
