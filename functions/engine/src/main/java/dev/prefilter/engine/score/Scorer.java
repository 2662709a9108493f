package dev.prefilter.engine.score;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Applies a policy to a scan's findings: score, verdict, and the reasons behind both. */
public final class Scorer {

    public record Outcome(Verdict verdict, int score, List<Reason> reasons) {}

    private final ScoringPolicy policy;

    public Scorer(ScoringPolicy policy) {
        this.policy = policy;
    }

    public Outcome score(List<Finding> findings) {
        Set<String> counted = new HashSet<>();
        List<Reason> reasons = new ArrayList<>();
        long total = 0;
        Verdict verdict = Verdict.CLEAN;
        for (Finding finding : findings) {
            ScoringPolicy.Effect effect = policy.effectOf(finding);
            // the same code on the same node counts once: ten identical keywords are one signal
            if (!counted.add(finding.code() + "\u0000" + finding.path())) {
                continue;
            }
            total += effect.weight();
            verdict = verdict.atLeast(effect.verdict());
            if (effect.weight() > 0 || effect.verdict() != Verdict.CLEAN) {
                reasons.add(new Reason(
                        finding.code(),
                        finding.path(),
                        finding.severity(),
                        effect.weight(),
                        effect.verdict() == Verdict.CLEAN ? null : effect.verdict(),
                        finding.description()));
            }
        }
        int score = (int) Math.min(policy.maxScore(), total);
        verdict = verdict.atLeast(policy.verdictForScore(score));
        reasons.sort(Comparator.comparing(
                        (Reason r) -> r.verdict() == null ? -1 : r.verdict().ordinal())
                .reversed()
                .thenComparing(Comparator.comparingInt(Reason::weight).reversed()));
        return new Outcome(verdict, score, List.copyOf(reasons));
    }

    public ScoringPolicy policy() {
        return policy;
    }
}
