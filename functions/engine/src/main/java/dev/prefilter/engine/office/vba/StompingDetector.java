package dev.prefilter.engine.office.vba;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VBA stomping (EvilClippy and the like): Office runs a module's compiled p-code when the
 * document's VBA version matches, and the source that scanners read can then be replaced by
 * anything. Decided per module from its own compiled code ({@link ModulePcode}): the names its
 * instructions use or define and its string literals. A distinctive keyword there that no
 * module's source contains means the source does not show what will run. The project-wide
 * identifier table only resolves the names the p-code refers to: it also keeps names of modules
 * and procedures deleted long ago, which nothing runs. A module with no p-code contributes
 * nothing (Office compiles its source, which is what was scanned).
 */
final class StompingDetector {

    /**
     * @param onlyCompiled keyword → category name, for keywords in the p-code and not in any module's source
     * @param modules the modules whose p-code holds them
     */
    record Result(Map<String, String> onlyCompiled, MacroFlags compiledFlags, Set<String> modules) {
        boolean stomped() {
            return !onlyCompiled.isEmpty();
        }
    }

    private static final int MAX_KEYWORDS = 50;

    /** Identifier-like runs (with dots, for names such as WScript.Shell) long enough to hold a compared keyword. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{3,}");

    private final VbaKeywords keywords;

    StompingDetector(VbaKeywords keywords) {
        this.keywords = keywords;
    }

    Result compare(VbaProject project) {
        StringBuilder source = new StringBuilder();
        for (VbaModule m : project.modules()) source.append(m.source()).append('\n');
        Charset charset = VbaDirStream.charset(project.codePage());
        VbaIdentifiers identifiers = VbaIdentifiers.read(project.compiledProject(), charset);
        Compared compared = new Compared(source.toString().toLowerCase(Locale.ROOT));
        for (VbaModule m : project.modules()) {
            Optional<ModulePcode> pcode = ModulePcode.read(m.performanceCache(), identifiers, project.win64(), charset);
            if (pcode.isEmpty() || pcode.get().empty()) continue;
            for (String name : pcode.get().names()) compared.name(name, m.name());
            for (String literal : pcode.get().literals()) compared.literal(literal, m.name());
        }
        return new Result(compared.only, compared.flags, compared.modules);
    }

    /** The keywords found so far in compiled code and not in the source. */
    private final class Compared {
        final String sourceLower;
        final Map<String, String> only = new LinkedHashMap<>();
        final Set<String> modules = new LinkedHashSet<>();
        MacroFlags flags = MacroFlags.NONE;

        Compared(String sourceLower) {
            this.sourceLower = sourceLower;
        }

        /** An identifier is compared whole: {@code ShellSort} is not {@code Shell}. */
        void name(String name, String module) {
            for (VbaKeywords.Category category : keywords.categories()) {
                if (category.compiledPattern() == null) continue;
                Matcher m = category.compiledPattern().matcher(name);
                if (m.matches()) found(m.group(), category, module);
            }
        }

        /** A string literal: each identifier-like run, and each part of it after a dot ({@code VBA.Shell}). */
        void literal(String literal, String module) {
            Matcher token = TOKEN.matcher(literal);
            while (token.find()) {
                String t = token.group();
                for (int start = 0; start >= 0 && start < t.length(); start = nextStart(t, start)) {
                    for (VbaKeywords.Category category : keywords.categories()) {
                        if (category.compiledPattern() == null) continue;
                        Matcher m = category.compiledPattern().matcher(t).region(start, t.length());
                        if (m.lookingAt() && (m.end() == t.length() || !Character.isLetterOrDigit(t.charAt(m.end()))))
                            found(m.group(), category, module);
                    }
                }
            }
        }

        private void found(String word, VbaKeywords.Category category, String module) {
            if (sourceLower.contains(word.toLowerCase(Locale.ROOT)) || only.size() >= MAX_KEYWORDS) return;
            only.putIfAbsent(word, category.name());
            modules.add(module);
            flags = flags.with(category.flag());
        }
    }

    /** A keyword may also start after a dot inside a run ({@code VBA.Shell}). */
    private static int nextStart(String token, int from) {
        int dot = token.indexOf('.', from);
        return dot < 0 ? -1 : dot + 1;
    }
}
