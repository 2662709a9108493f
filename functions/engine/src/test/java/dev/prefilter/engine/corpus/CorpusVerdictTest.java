package dev.prefilter.engine.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Reason;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every mail and every non-Office, non-shortcut sample in {@code ../shared/corpus} gets the
 * verdict MANIFEST.tsv expects — except the cases listed here, each with the reason. Prints the
 * confusion matrix. (Office and shortcut samples have their own corpus tests.)
 */
class CorpusVerdictTest {

    private static final Set<String> CATEGORIES = Set.of(
            "mail_generated",
            "email",
            "email_edge",
            "tnef",
            "archive",
            "archive_encrypted",
            "executable",
            "script",
            "html",
            "onenote",
            "polyglot",
            "pdf",
            "benign_misc",
            "other",
            "lnk_jumplist");

    /** Cases where the manifest's verdict is wrong by this product's rules; the verdict we give instead. */
    static final Map<String, Verdict> DISAGREE = Map.of(
            // 512 MB of zeros in a 0.5 MB zip (ratio 1030) is the decompression-bomb pattern; a limit hit
            // keeps the verdict at least suspicious (README, Limits), and ClamAV flags it the same way
            // (Heuristics.Limits.Exceeded).
            "archive/strelka_test_big.zip", Verdict.SUSPICIOUS,
            // No open-source RAR decompressor exists for Java: content that cannot be inspected is never called clean.
            "archive/strelka_test.rar", Verdict.SUSPICIOUS,
            // The .docm's VBA project holds only empty procedure stubs (Frame1_Click, UserForm_Click … without a
            // statement): nothing can run, so it is vba.empty-project (info), not a macro (OfficeMacroCorpusTest).
            "mails/d07_en_nested_rfc822_docm.eml", Verdict.CLEAN);

    @Test
    void verdictsMatchTheManifest() {
        Path root = Corpus.require();
        Map<String, Integer> matrix = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int agree = 0;
        int compared = 0;
        for (Corpus.Entry entry : Corpus.manifest().values()) {
            if (!CATEGORIES.contains(entry.category())
                    || entry.expectedVerdict().equals("n/a")) continue;
            Report report = TestEngines.scanPath(root.resolve(entry.path()));
            String got = report.verdict().label();
            matrix.merge(entry.expectedVerdict() + " -> " + got, 1, Integer::sum);
            compared++;
            boolean matches = got.equals(entry.expectedVerdict());
            if (matches) agree++;
            if (DISAGREE.containsKey(entry.path())) {
                if (DISAGREE.get(entry.path()) != report.verdict()) {
                    failures.add(entry.path() + ": documented disagreement expects "
                            + DISAGREE.get(entry.path()).label() + ", got " + got);
                }
            } else if (!matches) {
                failures.add(entry.path() + ": expected " + entry.expectedVerdict() + ", got " + got + " because "
                        + report.reasons().stream().map(Reason::code).toList());
            }
        }
        System.out.println("corpus verdicts (mails and non-Office samples): " + agree + "/" + compared
                + " agree with MANIFEST.tsv");
        System.out.println("confusion matrix (expected -> got):");
        matrix.forEach((k, v) -> System.out.printf("  %-26s %3d%n", k, v));
        assertTrue(compared > 100, "the corpus was read");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
