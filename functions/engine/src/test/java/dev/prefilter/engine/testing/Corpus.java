package dev.prefilter.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The shared sample corpus at {@code ../shared/corpus}: read in place, never copied.
 *
 * <p>Without the corpus (a user's clone) every corpus test is reported as skipped: a test calls
 * {@link #require()}, and a test factory builds its cases through {@link #cases(Function)}, which
 * then yields one case that skips. With the environment variable {@value #REQUIRED_VARIABLE} set
 * to {@code true} (CI sets it) a missing corpus fails those tests instead.
 */
public final class Corpus {

    /** Set to {@code true} where the corpus must be present: its absence is then a failure. */
    public static final String REQUIRED_VARIABLE = "PREFILTER_CORPUS_REQUIRED";

    private Corpus() {}

    /** One row of MANIFEST.tsv. */
    public record Entry(
            String path,
            String sha256,
            long size,
            String category,
            String expectedFacts,
            String oracle,
            String expectedVerdict,
            String reason) {}

    /**
     * The corpus folder: {@code <prefilter.shared>/corpus} when that system property is set (the
     * build sets it to the folder beside the checkout), else {@code ../shared/corpus} seen from the
     * checkout or from a module folder.
     */
    public static Optional<Path> root() {
        String configured = System.getProperty("prefilter.shared");
        List<Path> candidates = configured != null
                ? List.of(Path.of(configured, "corpus"))
                : List.of(
                        Path.of("../shared/corpus"), Path.of("../../shared/corpus"), Path.of("../../../shared/corpus"));
        return candidates.stream()
                .filter(p -> Files.isRegularFile(p.resolve("MANIFEST.tsv")))
                .findFirst()
                .map(p -> p.toAbsolutePath().normalize());
    }

    /** The corpus root; a skipped test when it is absent, a failed one when it is required. */
    public static Path require() {
        Optional<Path> root = root();
        if (root.isPresent()) return root.get();
        String configured = System.getProperty("prefilter.shared");
        String where = configured != null ? configured + "/corpus" : "../shared/corpus";
        if (required()) {
            Assertions.fail("the shared corpus is absent (no MANIFEST.tsv under " + where + "), but "
                    + REQUIRED_VARIABLE + "=true says this build must have it");
        }
        return Assumptions.abort("the shared corpus is absent (no MANIFEST.tsv under " + where + "): skipped");
    }

    /**
     * A test factory's cases over the corpus; without the corpus, the one case "corpus absent",
     * which is reported as skipped (or failed when the corpus is required), so that the cases do
     * not vanish from the report.
     */
    public static Stream<DynamicTest> cases(Function<Path, Stream<DynamicTest>> casesIn) {
        Optional<Path> root = root();
        if (root.isEmpty()) return Stream.of(DynamicTest.dynamicTest("corpus absent", Corpus::require));
        return casesIn.apply(root.get());
    }

    public static Map<String, Entry> manifest() {
        Path root = require();
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(root.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f.length < 11) continue;
                entries.put(f[0], new Entry(f[0], f[1], Long.parseLong(f[2]), f[5], f[7], f[8], f[9], f[10]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
    }
}
