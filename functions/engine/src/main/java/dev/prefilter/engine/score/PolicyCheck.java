package dev.prefilter.engine.score;

import dev.prefilter.engine.model.FindingCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the rules of a policy that can never apply: a code no analyzer emits (a typo such as
 * {@code archive.encrypted-unopend}) or a prefix no code starts with. Each warning names the
 * nearest known code. The known codes are the finding-code catalogue's.
 */
public final class PolicyCheck {

    private static final Set<String> KNOWN = FindingCatalogue.codes();

    private PolicyCheck() {}

    /** One line per rule that matches no known code, e.g. {@code rule 'x' matches no finding code; did you mean 'y'?}. */
    public static List<String> warnings(ScoringPolicy policy) {
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(policy.ruleKeys())) {
            boolean prefix = key.endsWith(".*");
            String stem = prefix ? key.substring(0, key.length() - 1) : key;
            boolean matches = prefix ? KNOWN.stream().anyMatch(c -> c.startsWith(stem)) : known(key);
            if (!matches) {
                String nearest =
                        prefix ? nearest(stem.substring(0, stem.length() - 1), families()) + ".*" : nearest(key, KNOWN);
                warnings.add("rule '" + key + "' matches no finding code the engine emits; nearest known "
                        + (prefix ? "prefix" : "code") + ": '" + nearest + "'");
            }
        }
        return warnings;
    }

    static boolean known(String code) {
        return KNOWN.contains(code);
    }

    /** Every prefix a rule can name: {@code lnk}, {@code office}, {@code ooxml.external} … */
    private static Set<String> families() {
        Set<String> families = new TreeSet<>();
        for (String code : KNOWN) {
            for (int dot = code.indexOf('.'); dot > 0; dot = code.indexOf('.', dot + 1)) {
                families.add(code.substring(0, dot));
            }
        }
        return families;
    }

    static String nearest(String code, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(code, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
