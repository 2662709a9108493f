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

    /** Identifier-like runs (with dots, for names such as WScript.Shell) long enough to hold a compared keyword. */
    private static final java.util.regex.Pattern TOKEN =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{3,}");

    private final VbaKeywords keywords;

    /** A keyword may also start after a dot inside a run ({@code VBA.Shell}). */
    private static int nextStart(String token, int from) {
        int dot = token.indexOf('.', from);
        return dot < 0 ? -1 : dot + 1;
    }

    StompingDetector(VbaKeywords keywords) {
        this.keywords = keywords;
    }

    Result compare(VbaProject project) {
        StringBuilder source = new StringBuilder();
        for (VbaModule m : project.modules()) source.append(m.source()).append('\n');
        String sourceLower = source.toString().toLowerCase(Locale.ROOT);
        List<String> compiled = new ArrayList<>();
        compiled.add(new String(project.compiledProject(), StandardCharsets.ISO_8859_1));
        for (VbaModule m : project.modules())
            compiled.add(new String(m.performanceCache(), StandardCharsets.ISO_8859_1));
        Map<String, String> only = new LinkedHashMap<>();
        MacroFlags flags = MacroFlags.NONE;
        for (String text : compiled) {
            // identifier-like runs only: matching the keyword patterns at every offset of binary data is needlessly
            // slow
            Matcher token = TOKEN.matcher(text);
            while (token.find()) {
                String t = token.group();
                for (int start = 0; start >= 0 && start < t.length(); start = nextStart(t, start)) {
                    for (VbaKeywords.Category category : keywords.categories()) {
                        if (category.compiledPattern() == null) continue;
                        Matcher m = category.compiledPattern().matcher(t).region(start, t.length());
                        if (!m.lookingAt()) continue;
                        String word = m.group();
                        if (!sourceLower.contains(word.toLowerCase(Locale.ROOT)) && only.size() < 50) {
                            only.putIfAbsent(word, category.name());
                            flags = flags.with(category.flag());
                        }
                    }
                }
            }
        }
        return new Result(only, flags);
    }
}
