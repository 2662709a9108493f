package dev.prefilter.engine.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every corpus file scans to the end: no engine error, no analyzer failure, no limit hit (but the known bomb). */
class CorpusSafetyTest {

    private static final Set<String> EXPECTED_LIMITS = Set.of("archive/strelka_test_big.zip");

    @Test
    void everyFileScansWithoutFailureOrLimit() throws Exception {
        Path root = Corpus.require();
        List<String> problems = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String relative = root.relativize(path).toString();
                if (relative.equals("MANIFEST.tsv") || relative.equals("README.md")) continue;
                files++;
                Report report = TestEngines.scanPath(path);
                for (Finding f : report.findings()) {
                    boolean failure =
                            f.code().equals("engine.error") || f.code().equals("analyzer.failed");
                    boolean limit = f.code().startsWith("limit.") && !EXPECTED_LIMITS.contains(relative);
                    if (failure || limit) problems.add(relative + ": " + f.code() + " " + f.evidence());
                }
            }
        }
        System.out.println("corpus files scanned: " + files);
        assertTrue(files > 200);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
