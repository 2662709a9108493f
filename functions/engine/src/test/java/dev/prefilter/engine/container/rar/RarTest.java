package dev.prefilter.engine.container.rar;

import static dev.prefilter.engine.container.ReportAssertions.childNames;
import static dev.prefilter.engine.container.ReportAssertions.codes;
import static dev.prefilter.engine.container.ReportAssertions.damagedButHandled;
import static dev.prefilter.engine.container.ReportAssertions.facts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RarTest {

    static final byte[] TEXT = "quarterly numbers, nothing else\n".repeat(40).getBytes(StandardCharsets.US_ASCII);

    static RarWriter sample() {
        return new RarWriter()
                .directory("docs")
                .compressed("docs/invoice.exe", TEXT)
                .stored("docs/readme.txt", TEXT)
                .compressed("請求書.pdf", TEXT);
    }

    @Test
    void rar5MembersAreListedByNameAndStoredOnesExtracted() {
        Report report = TestEngines.scanFile("mail.rar", sample().rar5());

        assertEquals(List.of("docs/invoice.exe", "docs/readme.txt", "請求書.pdf"), childNames(report));
        ReportNode exe = TestEngines.node(report, "docs/invoice.exe");
        assertEquals(0, exe.size());
        assertEquals(Map.of("listedOnly", true, "listedSize", (long) TEXT.length, "encrypted", false), exe.facts());
        assertTrue(codes(exe).contains("type.executable"), exe.findings()::toString);
        ReportNode readme = TestEngines.node(report, "docs/readme.txt");
        assertEquals(TEXT.length, readme.size());
        assertEquals(Boolean.TRUE, readme.facts().get("stored"));
        Finding unsupported = finding(report.root(), "archive.unsupported");
        assertEquals("RAR content cannot be unpacked; 2 members listed by name only", unsupported.description());
        assertEquals(
                Map.of(
                        "version",
                        5,
                        "members",
                        3,
                        "directories",
                        1,
                        "solid",
                        false,
                        "volume",
                        false,
                        "headersEncrypted",
                        false),
                facts(report.root(), "rar"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void rar4MembersWithUnicodeNamesAreListed() {
        Report report = TestEngines.scanFile("mail.rar", sample().rar4());

        assertEquals("application/x-rar-compressed; version=4", report.root().detectedType());
        assertEquals(List.of("docs/invoice.exe", "docs/readme.txt", "請求書.pdf"), childNames(report));
        assertEquals(TEXT.length, TestEngines.node(report, "docs/readme.txt").size());
        assertEquals(4, facts(report.root(), "rar").get("version"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void rar4UnicodeNameOpcodesDecode() {
        for (String name :
                List.of("請求書.pdf", "Rechnung-März-2024.pdf", "mixed 請求書 and 日本語 names/ファイル.txt", "ab", "é")) {
            assertEquals(name, RarNames.decode(RarWriter.name4(name), true), name);
        }
        assertEquals("plain.txt", RarNames.decode("plain.txt".getBytes(StandardCharsets.US_ASCII), false));
        assertEquals("utf8-名前.txt", RarNames.decode("utf8-名前.txt".getBytes(StandardCharsets.UTF_8), true));
        // Japanese Windows writes OEM names in code page 932
        assertEquals(
                "請求書.txt", RarNames.decode("請求書.txt".getBytes(java.nio.charset.Charset.forName("windows-31j")), false));
    }

    @Test
    void encryptedMembersAreListedAndReported() {
        for (byte[] rar : List.of(
                new RarWriter().encrypted("secret.docm", TEXT).rar5(),
                new RarWriter().encrypted("secret.docm", TEXT).rar4())) {
            Report report = TestEngines.scanFile("locked.rar", rar);

            assertEquals(true, TestEngines.node(report, "secret.docm").facts().get("encrypted"));
            assertTrue(codes(report.root()).contains("archive.encrypted-unopened"));
            assertTrue(codes(report.root()).contains("archive.unsupported"));
            assertEquals(Verdict.SUSPICIOUS, report.verdict());
        }
    }

    @Test
    void encryptedHeadersHideEverything() {
        for (byte[] rar : List.of(
                sample().encryptHeaders().rar5(), sample().encryptHeaders().rar4())) {
            Report report = TestEngines.scanFile("locked.rar", rar);

            assertEquals(List.of(), report.root().children());
            assertEquals(true, facts(report.root(), "rar").get("headersEncrypted"));
            assertTrue(codes(report.root()).contains("archive.encrypted-unopened"));
            assertTrue(codes(report.root()).contains("archive.unsupported"));
            assertTrue(
                    TestEngines.codes(report).stream().noneMatch(c -> c.startsWith("parse.")),
                    report.findings()::toString);
        }
    }

    @Test
    void onlyStoredMembersMeansNothingWasLeftUnread() {
        Report report = TestEngines.scanFile(
                "plain.rar",
                new RarWriter().stored("a.txt", TEXT).stored("b.txt", TEXT).rar5());

        assertEquals(List.of("a.txt", "b.txt"), childNames(report));
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings()::toString);
    }

    @Test
    void storedMemberWithWrongCrcIsReported() {
        RarWriter writer = new RarWriter().stored("a.txt", TEXT);
        byte[] rar = writer.rar5();
        rar[rar.length - 20] ^= 1; // inside the stored data, before the end header

        Report report = TestEngines.scanFile("x.rar", rar);

        assertTrue(codes(report.root()).contains("parse.rar"), report.findings()::toString);
    }

    @Test
    void damagedHeaderCrcIsReportedAndListingGoesOn() {
        RarWriter writer = sample();
        byte[] rar = writer.rar5();
        rar[writer.headerOffsets.get(1)] ^= 1; // the stored CRC of the second member's header

        Report report = TestEngines.scanFile("x.rar", rar);

        assertTrue(codes(report.root()).contains("parse.rar"));
        assertEquals(3, report.root().children().size());
    }

    @Test
    void linksAreListedWithTheirTarget() {
        Report report = TestEngines.scanFile(
                "x.rar",
                new RarWriter()
                        .link("startup.lnk", "C:\\Windows\\System32\\cmd.exe")
                        .rar5());

        assertEquals(
                "windows-symlink:C:\\Windows\\System32\\cmd.exe",
                TestEngines.node(report, "startup.lnk").facts().get("linkTarget"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void everyTruncationIsHandled() {
        for (byte[] rar : List.of(sample().rar5(), sample().rar4())) {
            for (int cut = 4; cut < rar.length; cut += cut < 300 ? 1 : 61) {
                damagedButHandled(TestEngines.scanFile("x.rar", Arrays.copyOf(rar, cut)), "cut at " + cut);
            }
        }
    }

    @Test
    void impossibleSizesAndFieldsNeverEscape() throws Exception {
        RarWriter writer = sample();
        for (byte[] rar :
                List.of(writer.rar5(), new RarWriter().compressed("a.exe", TEXT).rar4())) {
            for (int at = 7; at < Math.min(rar.length, 200); at++) {
                for (int value : new int[] {0x00, 0x7F, 0x80, 0xFF}) {
                    byte[] damaged = rar.clone();
                    damaged[at] = (byte) value;
                    dev.prefilter.engine.container.ArraySource source =
                            new dev.prefilter.engine.container.ArraySource(damaged);
                    dev.prefilter.engine.container.io.ProblemLog problems =
                            new dev.prefilter.engine.container.io.ProblemLog("rar");
                    RarArchive archive = rar[6] == 1
                            ? new Rar5Reader(source, 1000, problems).read()
                            : new Rar4Reader(source, 1000, problems).read();
                    assertTrue(archive.entries().size() <= 4);
                }
            }
        }
        byte[] damaged = writer.rar5();
        damaged[20] = (byte) 0xFF;
        assertTrue(TestEngines.codes(TestEngines.scanFile("x.rar", damaged)).stream()
                .noneMatch("analyzer.failed"::equals));
    }

    static Finding finding(ReportNode node, String code) {
        return node.findings().stream()
                .filter(f -> f.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + node.findings()));
    }
}
