package dev.prefilter.engine.office.vba;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * VBA stomping (EvilClippy and the like): Office runs the compiled p-code when the document's
 * VBA version matches, and the source that scanners read can then be replaced by anything.
 * The compiled side is the {@code _VBA_PROJECT} stream (its identifier table holds every name
 * the code uses) and each module's performance cache (string literals of the compiled code).
 * This compares the distinctive keywords found there with the source, all in memory; a keyword
 * the p-code has and the source lacks means the source does not show what will run.
 */
final class StompingDetector {

    /** @param onlyCompiled keyword → category name, for keywords in the p-code and not in any module's source */
    record Result(Map<String, String> onlyCompiled, MacroFlags compiledFlags) {
        boolean stomped() {
            return !onlyCompiled.isEmpty();
        }
    }

    private final VbaKeywords keywords;

    StompingDetector(VbaKeywords keywords) {
        this.keywords = keywords;
    }

    Result compare(VbaProject project) {
        StringBuilder source = new StringBuilder();
        for (VbaModule m : project.modules()) source.append(m.source()).append('\n');
        String sourceLower = source.toString().toLowerCase(Locale.ROOT);
        List<String> compiled = new ArrayList<>();
        compiled.add(new String(project.compiledProject(), StandardCharsets.ISO_8859_1));
        for (VbaModule m : project.modules()) compiled.add(new String(m.performanceCache(), StandardCharsets.ISO_8859_1));
        Map<String, String> only = new LinkedHashMap<>();
        MacroFlags flags = MacroFlags.NONE;
        for (VbaKeywords.Category category : keywords.categories()) {
            if (category.compiledPattern() == null) continue;
            for (String text : compiled) {
                Matcher m = category.compiledPattern().matcher(text);
                while (m.find()) {
                    String word = m.group();
                    if (!sourceLower.contains(word.toLowerCase(Locale.ROOT)) && only.size() < 50) {
                        only.putIfAbsent(word, category.name());
                        flags = flags.with(category.flag());
                    }
                }
            }
        }
        return new Result(only, flags);
    }
}
