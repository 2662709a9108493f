package dev.prefilter.engine.office.odf;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.vba.MacroFlags;
import dev.prefilter.engine.office.vba.MacroScan;
import dev.prefilter.engine.office.vba.MacroScanFindings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what an OpenDocument file holds and its keyword scan into findings and {@code facts.odf}. */
final class OdfFindings {

    private static final int MAX_LISTED = 50;
    private static final int FIRST_LINES = 5;

    private final AnalysisContext ctx;

    OdfFindings(AnalysisContext ctx) {
        this.ctx = ctx;
    }

    void report(OdfMacros macros, MacroScan scan) {
        facts(macros);
        if (!macros.problems().isEmpty()) {
            ctx.report(Finding.of(
                            "parse.odf",
                            Severity.HIGH,
                            "part of the OpenDocument file could not be read; macros in it may be missed")
                    .with(
                            "problems",
                            macros.problems().stream()
                                    .limit(10)
                                    .map(Evidence::text)
                                    .toList())
                    .build());
        }
        List<OdfMacros.EventBinding> autoRun =
                macros.events().stream().filter(OdfMacros.EventBinding::autoRun).toList();
        for (OdfMacros.EventBinding e : macros.events()) {
            if (e.pathTraversal()) {
                ctx.report(Finding.of(
                                "odf.script-path-traversal",
                                Severity.HIGH,
                                "an event runs a script by a path that climbs out of its folder, the way exploits reach"
                                        + " the office suite's own Python files")
                        .with("event", Evidence.text(e.event(), 80))
                        .with("script", Evidence.text(e.script()))
                        .with("where", e.where())
                        .build());
            }
        }
        autoRun.stream()
                .limit(MAX_LISTED)
                .forEach(e -> ctx.report(Finding.of(
                                "odf.autorun-event",
                                Severity.MEDIUM,
                                "a script is bound to an event that fires when the document is opened")
                        .with("event", Evidence.text(e.event(), 80))
                        .with("script", Evidence.text(e.script()))
                        .with("location", Evidence.text(e.location(), 40))
                        .with("where", e.where())
                        .build()));
        List<OdfMacros.Module> withCode =
                macros.modules().stream().filter(m -> codeLines(m.source()) > 0).toList();
        if (withCode.isEmpty()) return;
        MacroFlags flags = autoRun.isEmpty() ? scan.flags() : scan.flags().with("A");
        ctx.report(Finding.of(
                        "odf.macros",
                        Severity.HIGH,
                        "the document contains macros (" + withCode.size() + " module"
                                + (withCode.size() == 1 ? "" : "s") + ")")
                .with(
                        "modules",
                        withCode.stream()
                                .limit(MAX_LISTED)
                                .map(OdfFindings::label)
                                .toList())
                .with("flags", flags.label())
                .build());
        MacroScanFindings shared = new MacroScanFindings(ctx, "odf");
        shared.keywords(scan);
        macroRaptor(flags, autoRun, scan);
        shared.iocs(scan);
        shared.obfuscations(scan);
    }

    /** MacroRaptor's rule: something runs by itself (a bound auto-run event, or a VBA-style name) and writes or executes. */
    private void macroRaptor(MacroFlags flags, List<OdfMacros.EventBinding> autoRun, MacroScan scan) {
        if (!flags.suspicious()) return;
        MacroScan.KeywordHit action = scan.firstOf("X") != null ? scan.firstOf("X") : scan.firstOf("W");
        MacroScan.KeywordHit trigger = scan.firstOf("A");
        ctx.report(Finding.of(
                        "odf.autoexec-write-execute",
                        Severity.CRITICAL,
                        "a macro runs by itself when the document opens and "
                                + (flags.execute() ? "executes code" : "writes to disk") + " (MacroRaptor's rule)")
                .with("flags", flags.label())
                .with(
                        "trigger",
                        autoRun.isEmpty()
                                ? Evidence.text(trigger.keyword(), 80)
                                : Evidence.text(autoRun.get(0).event() + " -> "
                                        + autoRun.get(0).script()))
                .with("action", Evidence.text(action.keyword(), 80))
                .with("actionModule", Evidence.text(action.module(), 64))
                .with("actionLine", action.line())
                .with("code", Evidence.text(action.text().strip(), 200))
                .build());
    }

    private void facts(OdfMacros macros) {
        if (macros.modules().isEmpty() && macros.events().isEmpty()) return;
        List<Map<String, Object>> modules = new ArrayList<>();
        for (OdfMacros.Module m :
                macros.modules().subList(0, Math.min(macros.modules().size(), MAX_LISTED))) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("library", Evidence.text(m.library(), 64));
            f.put("name", Evidence.text(m.name(), 64));
            f.put("language", Evidence.text(m.language(), 32));
            f.put("part", Evidence.text(m.where(), 120));
            f.put("size", m.source().length());
            f.put("sha256", sha256(m.source()));
            f.put("firstLines", firstLines(m.source()));
            modules.add(f);
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (OdfMacros.EventBinding e :
                macros.events().subList(0, Math.min(macros.events().size(), MAX_LISTED))) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("event", Evidence.text(e.event(), 80));
            f.put("script", Evidence.text(e.script()));
            f.put("autoRun", e.autoRun());
            f.put("where", e.where());
            events.add(f);
        }
        Map<String, Object> odf = new LinkedHashMap<>();
        odf.put("modules", modules);
        odf.put("events", events);
        ctx.fact("odf", odf);
    }

    private static String label(OdfMacros.Module m) {
        return Evidence.text(m.library() + "." + m.name(), 80);
    }

    /** Lines that are code: not blank, not a comment ({@code REM}, {@code '}, {@code #}, {@code //}). */
    static int codeLines(String source) {
        int n = 0;
        for (String line : source.split("\r\n|\r|\n")) {
            String t = line.strip();
            if (t.isEmpty()
                    || t.startsWith("'")
                    || t.startsWith("#")
                    || t.startsWith("//")
                    || t.regionMatches(true, 0, "REM", 0, 3)
                            && (t.length() == 3 || !Character.isLetterOrDigit(t.charAt(3)))) {
                continue;
            }
            n++;
        }
        return n;
    }

    private static List<String> firstLines(String source) {
        List<String> lines = new ArrayList<>();
        for (String line : source.split("\r\n|\r|\n")) {
            if (line.isBlank()) continue;
            lines.add(Evidence.text(line.strip(), 200));
            if (lines.size() >= FIRST_LINES) break;
        }
        return lines;
    }

    private static String sha256(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
