package dev.prefilter.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared sample corpus at {@code ../shared/corpus}: read in place, never copied. Tests that
 * need it call {@link #require()}, which skips them when the folder is absent (a user's clone).
 */
public final class Corpus {

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

    public static Optional<Path> root() {
        String configured = System.getProperty("prefilter.shared");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) candidates.add(Path.of(configured, "corpus"));
        candidates.add(Path.of("../shared/corpus"));
        candidates.add(Path.of("../../../shared/corpus"));
        candidates.add(Path.of("../../shared/corpus"));
        return candidates.stream()
                .filter(p -> Files.isRegularFile(p.resolve("MANIFEST.tsv")))
                .findFirst()
                .map(p -> p.toAbsolutePath().normalize());
    }

    /** The corpus root, or a skipped test when it is not there. */
    public static Path require() {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(), "../shared/corpus is absent: corpus tests skipped");
        return root.get();
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
}
