package dev.prefilter.engine.lnk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a check: how many corpus shortcuts per second one process parses (parser
 * plus facts and findings), and how many it scans through the whole engine. Off unless asked for:
 * {@code mvn -B -o -q -pl functions/engine test -Dtest=LnkParseRateTest -Dprefilter.lnk.rate=ROUNDS}.
 */
@EnabledIfSystemProperty(named = "prefilter.lnk.rate", matches = "\\d+")
class LnkParseRateTest {

    @Test
    void shortcutsPerSecond() throws IOException {
        int rounds = Integer.getInteger("prefilter.lnk.rate");
        List<byte[]> shortcuts = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(Corpus.require().resolve("lnk"))) {
            files = list.filter(p -> p.toString().endsWith(".lnk")).sorted().toList();
        }
        for (Path file : files) shortcuts.add(Files.readAllBytes(file));
        assertFalse(shortcuts.isEmpty());
        ShortcutParser parser = new ShortcutParser();
        ShortcutChecks checks = new ShortcutChecks(CommandRules.standard());

        int findings = parseRounds(parser, checks, shortcuts, Math.max(1, rounds / 10));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        findings += parseRounds(parser, checks, shortcuts, rounds);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double parsed = shortcuts.size() * (double) rounds;
        // the CPU-time rate is what one free core does; the wall-clock rate depends on what else runs on the machine
        System.out.printf(
                "parse rate: %.0f shortcuts/s wall, %.0f shortcuts per CPU-second (%d shortcuts x %d rounds in %.2f s;"
                        + " parse + facts + findings, one thread)%n",
                parsed / seconds, parsed / cpuSeconds, shortcuts.size(), rounds, seconds);

        int scanRounds = Math.max(1, rounds / 20);
        long scanStart = System.nanoTime();
        for (int round = 0; round < scanRounds; round++) {
            for (Path file : files) {
                Report report = TestEngines.scanPath(file);
                findings += report.findings().size();
            }
        }
        double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
        System.out.printf(
                "scan rate: %.0f shortcuts/s (%d shortcuts x %d rounds in %.2f "
                        + "s; whole engine: spooling, Tika detection, names, scoring)%n",
                files.size() * (double) scanRounds / scanSeconds, files.size(), scanRounds, scanSeconds);
        assertTrue(findings > 0);
    }

    private static int parseRounds(ShortcutParser parser, ShortcutChecks checks, List<byte[]> shortcuts, int rounds) {
        int findings = 0;
        for (int round = 0; round < rounds; round++) {
            for (byte[] bytes : shortcuts) {
                Shortcut shortcut = parser.parse(bytes, Math.min(bytes.length, ShortcutAnalyzer.MAX_STRUCTURE_BYTES));
                findings +=
                        checks.check(shortcut, ShortcutFacts.of(shortcut, null)).size();
            }
        }
        return findings;
    }
}
