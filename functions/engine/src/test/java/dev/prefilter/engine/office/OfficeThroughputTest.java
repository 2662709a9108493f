package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.Analyzers;
import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Measurements, not assertions on time, off unless {@code -Dprefilter.office.rate=N} is given:
 * {@code mvn -B -o -q -pl functions/engine test -Dtest=OfficeThroughputTest -Dprefilter.office.rate=20}.
 * One scans every file of the corpus's office_* folders N times in one process (one engine, one
 * thread) and prints files per second; the other prints what the object, link, DDE and RTF
 * analyzers cost over their corpus folders (best of N rounds with and without them).
 */
class OfficeThroughputTest {

    @Test
    void filesPerSecondOverTheOfficeCorpus() throws IOException {
        String rounds = System.getProperty("prefilter.office.rate");
        Assumptions.assumeTrue(rounds != null, "set -Dprefilter.office.rate=N to measure");
        int n = Integer.parseInt(rounds);
        Path root = Corpus.require();
        List<Path> files;
        try (Stream<Path> dirs = Files.list(root)) {
            files = dirs.filter(d -> d.getFileName().toString().startsWith("office_"))
                    .flatMap(OfficeThroughputTest::list)
                    .sorted()
                    .toList();
        }
        ScanEngine engine = TestEngines.standard();
        List<String> passwords = List.of("infected-test");
        for (Path f : files) scan(engine, f, passwords);
        // scans run on the engine's worker threads: count the whole process's CPU time
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long bytes = 0;
        java.util.Map<String, long[]> perFolder = new java.util.TreeMap<>();
        for (int round = 0; round < n; round++) {
            for (Path f : files) {
                long t = System.nanoTime();
                scan(engine, f, passwords);
                long[] acc =
                        perFolder.computeIfAbsent(f.getParent().getFileName().toString(), k -> new long[2]);
                acc[0]++;
                acc[1] += System.nanoTime() - t;
                bytes += Files.size(f);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        perFolder.forEach((folder, acc) -> System.out.printf(
                "  %-18s %4d scans %7.1f ms/file %6.0f files/s%n",
                folder, acc[0], acc[1] / 1e6 / acc[0], acc[0] / (acc[1] / 1e9)));
        int scanned = n * files.size();
        System.out.printf(
                "office corpus: %d files x %d rounds = %d scans in %.2f s: %.0f "
                        + "files/s, %.1f MB/s (one thread, warm JVM); "
                        + "%.0f files per CPU-second of the process (JIT and GC included) "
                        + "(the shared machine's load moves wall-clock rates)%n",
                files.size(), n, scanned, seconds, scanned / seconds, bytes / seconds / 1e6, scanned / cpuSeconds);
        assertTrue(scanned > 0);
    }

    @Test
    void costOfTheObjectLinkDdeAndRtfAnalyzers() {
        String rounds = System.getProperty("prefilter.office.rate");
        Assumptions.assumeTrue(rounds != null, "set -Dprefilter.office.rate=N to measure");
        Path root = Corpus.require();
        List<Path> files = Stream.of("office_oleobj", "office_extlink", "office_dde", "rtf", "office_clean")
                .flatMap(d -> list(root.resolve(d)))
                .sorted()
                .toList();
        Set<String> measured = Set.of("ole-objects", "ooxml-links", "dde", "rtf");
        ScanEngine without = TestEngines.with(b -> b.analyzers(Analyzers.standard().stream()
                .filter(a -> !measured.contains(a.name()))
                .toList()));
        List<String> passwords = List.of("infected-test");
        // best round of several, the two engines alternating: the machine is shared, the minimum is the cost
        long bestWith = Long.MAX_VALUE;
        long bestWithout = Long.MAX_VALUE;
        for (int round = 0; round < Integer.parseInt(rounds); round++) {
            bestWith = Math.min(bestWith, roundNanos(TestEngines.standard(), files, passwords));
            bestWithout = Math.min(bestWithout, roundNanos(without, files, passwords));
        }
        System.out.printf(
                Locale.ROOT,
                "office objects/links/DDE/RTF corpus, %d files: %.0f files/s with these analyzers (%.1f ms/file),"
                        + " %.0f files/s without them (%.1f ms/file)%n",
                files.size(),
                files.size() / (bestWith / 1e9),
                bestWith / 1e6 / files.size(),
                files.size() / (bestWithout / 1e9),
                bestWithout / 1e6 / files.size());
    }

    private static long roundNanos(ScanEngine engine, List<Path> files, List<String> passwords) {
        long start = System.nanoTime();
        files.forEach(f -> scan(engine, f, passwords));
        return System.nanoTime() - start;
    }

    private static void scan(ScanEngine engine, Path f, List<String> passwords) {
        engine.scan(ScanRequest.file(f.toString(), f.getFileName().toString(), () -> Files.newInputStream(f))
                .withPasswords(passwords));
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
