package dev.prefilter.engine.office.xlm;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.Iocs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/** Turns an {@link XlmWorkbook} into findings and facts for one node. */
final class XlmFindings {

    private static final int FACT_FORMULAS = 20;
    private static final int MAX_IOCS = 50;
    private static final int MAX_CHAR_CHAINS = 20;

    record SheetFact(String name, String state, boolean formulasDecoded, int formulaCount, List<String> formulas) {}

    record NameFact(String name, boolean builtin, boolean hidden, String refersTo) {}

    /** One function or string rule hit: the first place it occurs and how often. */
    private static final class Hit {
        final XlmFunctions.Rule rule;
        final String keyword;
        final String sheet;
        final String cell;
        final String formula;
        int count = 1;

        Hit(XlmFunctions.Rule rule, String keyword, String sheet, String cell, String formula) {
            this.rule = rule;
            this.keyword = keyword;
            this.sheet = sheet;
            this.cell = cell;
            this.formula = formula;
        }
    }

    private final AnalysisContext ctx;
    private final XlmFunctions functions;
    private int charChains;

    XlmFindings(AnalysisContext ctx, XlmFunctions functions) {
        this.ctx = ctx;
        this.functions = functions;
    }

    void report(XlmWorkbook wb) {
        problems(wb);
        if (wb.macroSheets().isEmpty()) return;
        facts(wb);
        wb.macroSheets().forEach(sheet -> macroSheet(sheet, wb.format()));
        wb.autoRunNames().forEach(this::autoRunName);
        Map<String, Hit> hits = new LinkedHashMap<>();
        Map<String, Located> iocs = new LinkedHashMap<>();
        for (XlmWorkbook.Sheet sheet : wb.macroSheets()) {
            for (XlmWorkbook.Formula f : sheet.formulas()) {
                ctx.checkTime();
                formulaHits(sheet, f, hits);
                collectIocs(sheet, f, iocs);
            }
        }
        Hit execute = functionAndStringFindings(hits);
        iocs.values().forEach(this::iocFinding);
        moreCharChains();
        if (execute != null && !wb.autoRunNames().isEmpty()) {
            autoexecExecute(wb.autoRunNames().get(0), execute);
        }
    }

    /** An IOC and the cell it was first seen in. */
    private record Located(Iocs.Ioc ioc, String cell) {}

    private void problems(XlmWorkbook wb) {
        if (wb.problems().isEmpty()) return;
        ctx.report(Finding.of(
                        "parse.xlm",
                        Severity.HIGH,
                        "part of the workbook could not be read while looking for Excel 4.0 macros")
                .with(
                        "problems",
                        wb.problems().stream().limit(10).map(Evidence::text).toList())
                .build());
    }

    private void macroSheet(XlmWorkbook.Sheet sheet, String format) {
        if (sheet.formulasDecoded() && sheet.formulas().isEmpty() && !format.equals("xlsb")) {
            // a macro sheet without a single formula has nothing Excel could run, hidden or not. Not said of
            // .xlsb: its BIFF12 part is read for formula records only, so a damaged record type there looks the same
            ctx.report(Finding.of(
                            "xlm.empty-macro-sheet",
                            Severity.INFO,
                            "the workbook has an Excel 4.0 macro sheet without any formula: nothing can run")
                    .with("sheet", Evidence.text(sheet.name(), 64))
                    .with("state", sheet.state())
                    .with("format", format)
                    .build());
            return;
        }
        ctx.report(Finding.of(
                        "xlm.macro-sheet",
                        Severity.HIGH,
                        "the workbook has an Excel 4.0 macro sheet"
                                + (sheet.formulasDecoded() ? "" : " (binary formulas not decoded)"))
                .with("sheet", Evidence.text(sheet.name(), 64))
                .with("state", sheet.state())
                .with("format", format)
                .with("formulas", sheet.formulasDecoded() ? sheet.formulas().size() : null)
                .build());
        if (!sheet.state().equals("visible")) {
            ctx.report(Finding.of(
                            "xlm.hidden-sheet",
                            Severity.MEDIUM,
                            "the macro sheet is " + sheet.state().replace('-', ' ')
                                    + " (not shown in Excel's sheet tabs)")
                    .with("sheet", Evidence.text(sheet.name(), 64))
                    .with("state", sheet.state())
                    .build());
        }
    }

    private void autoRunName(XlmWorkbook.Name name) {
        ctx.report(Finding.of(
                        "xlm.auto-open",
                        Severity.MEDIUM,
                        "a defined name makes Excel run a macro by itself (" + Evidence.text(name.name(), 40) + ")")
                .with("name", Evidence.text(name.name(), 64))
                .with("refersTo", Evidence.text(name.refersTo(), 120))
                .with("hidden", name.hidden() ? true : null)
                .build());
    }

    /** The first {@link #MAX_IOCS} distinct IOCs, each with the cell it was first seen in. */
    private static void collectIocs(XlmWorkbook.Sheet sheet, XlmWorkbook.Formula f, Map<String, Located> iocs) {
        String scanned = f.text() + "\u0000" + String.join("\u0000", f.strings());
        for (Iocs.Ioc ioc : Iocs.find(scanned)) {
            String key = ioc.kind() + ioc.value().toLowerCase(Locale.ROOT);
            if (iocs.size() < MAX_IOCS && !iocs.containsKey(key)) {
                iocs.put(key, new Located(ioc, sheet.name() + "!" + f.cell()));
            }
        }
    }

    /** One finding per function or string rule hit; returns the first hit that executes, if any. */
    private Hit functionAndStringFindings(Map<String, Hit> hits) {
        Hit execute = null;
        for (Hit h : hits.values()) {
            if (h.rule.severity() == Severity.INFO) continue;
            boolean isFunction = h.rule.pattern() == null;
            ctx.report(Finding.of(
                            isFunction ? "xlm.function" : "xlm.string",
                            h.rule.severity(),
                            (isFunction ? "macro sheet formula uses " : "macro sheet formula names ") + h.keyword + ": "
                                    + h.rule.description())
                    .with("keyword", Evidence.text(h.keyword, 64))
                    .with("sheet", Evidence.text(h.sheet, 64))
                    .with("cell", h.cell)
                    .with("formula", Evidence.text(h.formula, 200))
                    .with("occurrences", h.count > 1 ? h.count : null)
                    .build());
            if ("X".equals(h.rule.flag()) && execute == null) execute = h;
        }
        return execute;
    }

    private void iocFinding(Located located) {
        Iocs.Ioc ioc = located.ioc();
        ctx.report(Finding.of(
                        "xlm.ioc",
                        ioc.kind() == Iocs.Kind.DOMAIN ? Severity.LOW : Severity.MEDIUM,
                        "a macro sheet formula names "
                                + (ioc.kind() == Iocs.Kind.EXECUTABLE
                                        ? "an executable file"
                                        : "a network " + ioc.kind().label()))
                .with("type", ioc.kind().label())
                .with("value", Evidence.text(ioc.value(), 300))
                .with("cell", Evidence.text(located.cell(), 80))
                .build());
    }

    private void moreCharChains() {
        if (charChains <= MAX_CHAR_CHAINS) return;
        ctx.report(Finding.of(
                        "xlm.char-chain",
                        Severity.MEDIUM,
                        "and " + (charChains - MAX_CHAR_CHAINS) + " more formulas built from CHAR() calls")
                .with("moreFormulas", charChains - MAX_CHAR_CHAINS)
                .build());
    }

    private void autoexecExecute(XlmWorkbook.Name trigger, Hit execute) {
        ctx.report(Finding.of(
                        "xlm.autoexec-execute",
                        Severity.CRITICAL,
                        "an Excel 4.0 macro runs by itself when the workbook opens and calls " + execute.keyword)
                .with("trigger", Evidence.text(trigger.name(), 64))
                .with("refersTo", Evidence.text(trigger.refersTo(), 120))
                .with("action", Evidence.text(execute.keyword, 64))
                .with("sheet", Evidence.text(execute.sheet, 64))
                .with("cell", execute.cell)
                .with("formula", Evidence.text(execute.formula, 200))
                .build());
    }

    private void formulaHits(XlmWorkbook.Sheet sheet, XlmWorkbook.Formula f, Map<String, Hit> hits) {
        int charCalls = 0;
        for (String fn : f.functions()) {
            if (fn.equals("CHAR")) charCalls++;
            XlmFunctions.Rule rule = functions.function(fn);
            if (rule != null) add(hits, "f:" + rule.name(), rule, rule.name(), sheet, f);
        }
        String scanned = f.text() + "\u0000" + String.join("\u0000", f.strings());
        for (XlmFunctions.Rule rule : functions.strings()) {
            Matcher m = rule.pattern().matcher(scanned);
            if (m.find()) add(hits, "s:" + m.group().toLowerCase(Locale.ROOT), rule, m.group(), sheet, f);
        }
        if (charCalls >= functions.charChainMin() && ++charChains <= MAX_CHAR_CHAINS) {
            String decoded = f.strings().stream()
                    .reduce((a, b) -> a.length() >= b.length() ? a : b)
                    .orElse(null);
            ctx.report(Finding.of(
                            "xlm.char-chain",
                            Severity.MEDIUM,
                            "a macro sheet formula builds a string from " + charCalls
                                    + " CHAR() calls (obfuscation); decoded and scanned")
                    .with("sheet", Evidence.text(sheet.name(), 64))
                    .with("cell", f.cell())
                    .with("decoded", Evidence.text(decoded, 200))
                    .with("formula", Evidence.text(f.text(), 200))
                    .build());
        }
    }

    private static void add(
            Map<String, Hit> hits,
            String key,
            XlmFunctions.Rule rule,
            String keyword,
            XlmWorkbook.Sheet sheet,
            XlmWorkbook.Formula f) {
        Hit existing = hits.get(key);
        if (existing != null) {
            existing.count++;
        } else {
            hits.put(key, new Hit(rule, keyword, sheet.name(), f.cell(), f.text()));
        }
    }

    private void facts(XlmWorkbook wb) {
        List<SheetFact> sheets = new ArrayList<>();
        for (XlmWorkbook.Sheet s : wb.macroSheets()) {
            sheets.add(new SheetFact(
                    Evidence.text(s.name(), 64),
                    s.state(),
                    s.formulasDecoded(),
                    s.formulas().size(),
                    s.formulas().stream()
                            .limit(FACT_FORMULAS)
                            .map(f -> f.cell() + ": " + Evidence.text(f.text(), 200))
                            .toList()));
        }
        Map<String, Object> xlm = new LinkedHashMap<>();
        xlm.put("format", wb.format());
        xlm.put("macroSheets", sheets);
        xlm.put(
                "autoRunNames",
                wb.autoRunNames().stream()
                        .map(n -> new NameFact(
                                Evidence.text(n.name(), 64), n.builtin(), n.hidden(), Evidence.text(n.refersTo(), 120)))
                        .toList());
        ctx.fact("xlm", xlm);
    }
}
