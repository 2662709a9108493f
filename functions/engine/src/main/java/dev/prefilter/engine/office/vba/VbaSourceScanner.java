package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.office.Iocs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans module source like olevba and MacroRaptor: keyword categories per logical line, generic
 * words only in their combinations, IOCs, and decoded obfuscations scanned again (to a bounded
 * depth). Stateless; one instance serves every scan.
 */
public final class VbaSourceScanner {

    /** Source text of one module, as the scanner needs it. */
    public record ModuleText(String name, String source) {}

    private static final int MAX_HITS = 20_000;

    private final VbaKeywords keywords;
    private final Deobfuscator deobfuscator;

    public VbaSourceScanner(VbaKeywords keywords) {
        this.keywords = keywords;
        this.deobfuscator = new Deobfuscator(keywords.decoders());
    }

    public MacroScan scan(List<ModuleText> modules, Runnable checkTime) {
        Collector c = new Collector();
        for (ModuleText module : modules) {
            checkTime.run();
            Map<Pattern, Boolean> requiresCache = new HashMap<>();
            int n = 0;
            for (SourceLines.Line line : SourceLines.of(module.source())) {
                if (c.full()) break;
                if ((++n & 0x3ff) == 0) checkTime.run();
                if (SourceLines.isAttribute(line.text()) || line.text().isBlank()) continue;
                scanLine(c, module, line, requiresCache);
            }
        }
        return new MacroScan(c.keywords, c.iocs, c.obfuscations, c.flags);
    }

    private void scanLine(Collector c, ModuleText module, SourceLines.Line line, Map<Pattern, Boolean> requiresCache) {
        String text = line.text();
        Set<String> seenHere = new LinkedHashSet<>();
        for (VbaKeywords.Category category : keywords.categories()) {
            Matcher m = category.pattern().matcher(text);
            while (m.find()) {
                c.keyword(new MacroScan.KeywordHit(category, m.group(), module.name(), line.number(), text, null));
                seenHere.add(key(category.name(), m.group()));
            }
            for (VbaKeywords.Combination combo : category.combinations()) {
                if (combo.line().matcher(text).find()
                        && (combo.requires() == null
                                || requiresCache.computeIfAbsent(
                                        combo.requires(),
                                        p -> p.matcher(module.source()).find()))) {
                    c.keyword(new MacroScan.KeywordHit(
                            category, combo.keyword(), module.name(), line.number(), text, null));
                    seenHere.add(key(category.name(), combo.keyword()));
                }
            }
        }
        for (Iocs.Ioc ioc : Iocs.find(text)) {
            c.iocs.add(new MacroScan.IocHit(ioc, module.name(), line.number(), null));
            seenHere.add(key("ioc", ioc.value()));
        }
        decodeAndRescan(c, module, line, text, seenHere, 1);
    }

    private void decodeAndRescan(
            Collector c, ModuleText module, SourceLines.Line line, String text, Set<String> known, int depth) {
        if (depth > keywords.decoders().maxDepth()) return;
        for (Deobfuscator.Decoded d : deobfuscator.decode(text)) {
            if (c.full()) return;
            List<MacroScan.KeywordHit> newKeywords = new ArrayList<>();
            List<MacroScan.IocHit> newIocs = new ArrayList<>();
            List<String> revealed = new ArrayList<>();
            for (VbaKeywords.Category category : keywords.categories()) {
                Matcher m = category.pattern().matcher(d.decoded());
                while (m.find()) {
                    if (known.add(key(category.name(), m.group()))) {
                        newKeywords.add(new MacroScan.KeywordHit(
                                category, m.group(), module.name(), line.number(), d.decoded(), d.kind()));
                        revealed.add(m.group());
                    }
                }
            }
            for (Iocs.Ioc ioc : Iocs.find(d.decoded())) {
                if (known.add(key("ioc", ioc.value()))) {
                    newIocs.add(new MacroScan.IocHit(ioc, module.name(), line.number(), d.kind()));
                    revealed.add(ioc.value());
                }
            }
            if (!revealed.isEmpty() || !d.kind().equals("string-split")) {
                c.obfuscations.add(new MacroScan.ObfuscationHit(
                        d.kind(), module.name(), line.number(), d.encoded(), d.decoded(), revealed));
                newKeywords.forEach(c::keyword);
                c.iocs.addAll(newIocs);
            }
            if (!d.kind().equals("string-split") || !revealed.isEmpty()) {
                decodeAndRescan(c, module, line, d.decoded(), known, depth + 1);
            }
        }
    }

    private static String key(String category, String value) {
        return category + "\u0000" + value.toLowerCase(Locale.ROOT);
    }

    private static final class Collector {
        final List<MacroScan.KeywordHit> keywords = new ArrayList<>();
        final List<MacroScan.IocHit> iocs = new ArrayList<>();
        final List<MacroScan.ObfuscationHit> obfuscations = new ArrayList<>();
        MacroFlags flags = MacroFlags.NONE;

        void keyword(MacroScan.KeywordHit hit) {
            flags = flags.with(hit.category().flag());
            if (keywords.size() < MAX_HITS) keywords.add(hit);
        }

        boolean full() {
            return keywords.size() + iocs.size() + obfuscations.size() >= MAX_HITS;
        }
    }
}
