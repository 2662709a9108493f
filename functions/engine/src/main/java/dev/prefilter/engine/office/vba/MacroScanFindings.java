package dev.prefilter.engine.office.vba;

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

/**
 * The findings of a keyword scan ({@link VbaSourceScanner}) that mean the same for every macro
 * language: one per distinct keyword of each category, IOCs, decoded obfuscations. Codes start with
 * the language's prefix ({@code vba.execute}, {@code odf.execute}).
 */
public final class MacroScanFindings {

    private static final int MAX_PER_CATEGORY = 25;
    private static final int MAX_IOCS = 50;
    private static final int MAX_OBFUSCATIONS = 30;

    private final AnalysisContext ctx;
    private final String prefix;

    public MacroScanFindings(AnalysisContext ctx, String prefix) {
        this.ctx = ctx;
        this.prefix = prefix;
    }

    public void keywords(MacroScan scan) {
        Map<String, List<MacroScan.KeywordHit>> grouped = new LinkedHashMap<>();
        for (MacroScan.KeywordHit hit : scan.keywords()) {
            grouped.computeIfAbsent(
                            hit.category().name() + "\u0000" + hit.keyword().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>())
                    .add(hit);
        }
        Map<String, Integer> perCategory = new LinkedHashMap<>();
        for (List<MacroScan.KeywordHit> hits : grouped.values()) {
            MacroScan.KeywordHit first = MacroScan.firstLive(hits);
            String category = first.category().name();
            int n = perCategory.merge(category, 1, Integer::sum);
            if (n > MAX_PER_CATEGORY) continue;
            ctx.report(Finding.of(
                            prefix + "." + category,
                            first.category().severity(),
                            first.category().description())
                    .with("keyword", Evidence.text(first.keyword(), 80))
                    .with("module", Evidence.text(first.module(), 64))
                    .with("line", first.line())
                    .with("code", Evidence.text(first.text().strip(), 200))
                    .with("decodedFrom", first.decodedFrom())
                    .with("occurrences", hits.size() > 1 ? hits.size() : null)
                    .build());
        }
    }

    public void iocs(MacroScan scan) {
        scan.iocs().stream().limit(MAX_IOCS).forEach(hit -> {
            Iocs.Kind kind = hit.ioc().kind();
            Severity severity = kind == Iocs.Kind.DOMAIN ? Severity.LOW : Severity.MEDIUM;
            ctx.report(Finding.of(
                            prefix + ".ioc",
                            severity,
                            "the macro code names "
                                    + (kind == Iocs.Kind.EXECUTABLE
                                            ? "an executable file"
                                            : "a network " + kind.label()))
                    .with("type", kind.label())
                    .with("value", Evidence.text(hit.ioc().value(), 300))
                    .with("module", Evidence.text(hit.module(), 64))
                    .with("line", hit.line())
                    .with("decodedFrom", hit.decodedFrom())
                    .build());
        });
    }

    public void obfuscations(MacroScan scan) {
        scan.obfuscations().stream()
                .limit(MAX_OBFUSCATIONS)
                .forEach(o -> ctx.report(Finding.of(
                                prefix + ".obfuscation",
                                Severity.MEDIUM,
                                "the macro hides a string (" + o.kind() + "); it was decoded and scanned again")
                        .with("kind", o.kind())
                        .with("module", Evidence.text(o.module(), 64))
                        .with("line", o.line())
                        .with("encoded", Evidence.text(o.encoded(), 120))
                        .with("decoded", Evidence.text(o.decoded(), 200))
                        .with(
                                "revealed",
                                o.revealed().isEmpty()
                                        ? null
                                        : o.revealed().stream()
                                                .limit(10)
                                                .map(s -> Evidence.text(s, 80))
                                                .toList())
                        .build()));
    }
}
