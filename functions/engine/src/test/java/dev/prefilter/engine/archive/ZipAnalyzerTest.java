package dev.prefilter.engine.archive;

import static dev.prefilter.engine.fixtures.Archives.files;
import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.node;
import static dev.prefilter.engine.testing.TestEngines.nodes;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static dev.prefilter.engine.testing.TestEngines.scanMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.MimeBuilder;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ZipAnalyzerTest {

    private static final byte[] PDF = Samples.text("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    @Test
    void membersAreUnpackedAndTypedAgain() {
        byte[] zip = Archives.zip(
                files("docs/report.pdf", PDF, "inner.zip", Archives.zip(files("invoice.pdf.exe", Samples.pe()))));

        Report report = scanFile("bundle.zip", zip);

        assertEquals(Origin.ARCHIVE_MEMBER, node(report, "docs/report.pdf").origin());
        ReportNode exe = node(report, "invoice.pdf.exe");
        assertEquals("bundle.zip > inner.zip > invoice.pdf.exe", exe.path());
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertTrue(codes(report).containsAll(java.util.List.of("type.executable", "name.double-extension")));
    }

    @Test
    void aMemberThatFailsItsChecksumIsReportedAndStillInspected() {
        byte[] zip = Archives.withWrongCrc(
                Archives.zip(files("readme.txt", "hello", "invoice.pdf.exe", Samples.pe())), "invoice.pdf.exe");

        Report report = scanFile("bundle.zip", zip);

        Finding damaged = report.findings().stream()
                .filter(f -> f.code().equals("parse.zip-member"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(codes(report).toString()));
        assertEquals("invoice.pdf.exe", damaged.evidence().get("member"));
        assertTrue(
                damaged.evidence().get("error").toString().contains("CRC-32"),
                damaged.evidence().toString());
        assertEquals(
                1,
                report.findings().stream()
                        .filter(f -> f.code().equals("parse.zip-member"))
                        .count());
        // what came out is still typed and scanned: damage does not hide the executable
        assertEquals(
                "application/x-msdownload; format=pe64",
                node(report, "invoice.pdf.exe").detectedType());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void aDamagedTextMemberMakesAnOtherwiseCleanZipSuspicious() {
        byte[] zip = Archives.withWrongCrc(Archives.zip(files("readme.txt", "hello")), "readme.txt");

        Report report = scanFile("bundle.zip", zip);

        assertEquals(java.util.List.of("parse.zip-member"), codes(report));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @ParameterizedTest
    @EnumSource(Archives.Encryption.class)
    void ppapZipWithThePasswordInTheBodyOpensAndStaysClean(Archives.Encryption encryption) {
        byte[] zip = Archives.encryptedZip(files("見積書.pdf", PDF), "Xk7#pq2", encryption);
        byte[] mail = MimeBuilder.mail()
                .subject("見積書の送付")
                .text("お世話になっております。\n見積書をお送りします。\n\nパスワード：Xk7#pq2\n\nよろしくお願いいたします。")
                .attachment("見積書.zip", "application/zip", zip)
                .build();

        Report report = scanMail(mail);

        assertEquals(Verdict.CLEAN, report.verdict(), () -> codes(report).toString());
        ReportNode pdf = node(report, "見積書.pdf");
        assertEquals("application/pdf", pdf.detectedType());
        Finding opened = report.findings().stream()
                .filter(f -> f.code().equals("archive.password-opened"))
                .findFirst()
                .orElseThrow();
        assertEquals("Xk7#pq2", opened.evidence().get("password"));
        assertTrue(
                opened.evidence().get("passwordSource").toString().contains("パスワード"),
                opened.evidence().toString());
        assertEquals(
                encryption == Archives.Encryption.AES_256 ? "AES" : "ZipCrypto",
                opened.evidence().get("encryption"));
    }

    @Test
    void theEmotetPatternIsMalicious() {
        byte[] zip = Archives.encryptedZip(
                files("Invoice.pdf.js", Samples.text("var s=new ActiveXObject('WScript.Shell');")),
                "abc123",
                Archives.Encryption.ZIP_CRYPTO);
        byte[] mail = MimeBuilder.mail()
                .subject("Invoice")
                .text("Archive password: abc123")
                .attachment("Invoice.zip", "application/zip", zip)
                .build();

        Report report = scanMail(mail);

        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertTrue(codes(report).contains("type.script"));
    }

    @Test
    void aLockedZipIsNeverCleanAndItsNamesAreStillInspected() {
        byte[] zip = Archives.encryptedZip(
                files("notes.txt", Samples.text("hello"), "scan.pdf.lnk", Samples.shortcut()),
                "not-in-mail",
                Archives.Encryption.AES_256);

        Report report = scanFile("locked.zip", zip);

        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        Finding locked = report.findings().stream()
                .filter(f -> f.code().equals("archive.encrypted-unopened"))
                .findFirst()
                .orElseThrow();
        assertEquals(2, locked.evidence().get("lockedMembers"));
        ReportNode listed = node(report, "scan.pdf.lnk");
        assertEquals(Boolean.TRUE, listed.facts().get("listedOnly"));
        assertNull(listed.sha256(), "a member known by name only has no hash");
        assertTrue(codes(report).contains("name.double-extension"));
    }

    @Test
    void operatorPasswordsOpenWhatTheMailDoesNotExplain() {
        byte[] zip = Archives.encryptedZip(
                files("a.txt", Samples.text("hello")), "infected-test", Archives.Encryption.ZIP_CRYPTO);
        Report report = dev.prefilter.engine.testing.TestEngines.standard()
                .scan(dev.prefilter.engine.ScanRequest.file(
                                "a.zip", "a.zip", () -> new java.io.ByteArrayInputStream(zip))
                        .withPasswords(java.util.List.of("infected-test")));
        assertEquals(Verdict.CLEAN, report.verdict());
        assertTrue(report.findings().stream()
                .anyMatch(f -> "operator".equals(f.evidence().get("passwordSource"))));
    }

    @Test
    void japaneseWindowsNamesWithoutTheUtf8FlagDecode() {
        byte[] zip = Archives.zip(files("請求書.pdf", PDF), Charset.forName("windows-31j"));
        assertEquals("請求書.pdf", node(scanFile("x.zip", zip), "請求書.pdf").name());
    }

    @Test
    void aCorruptZipIsReportedAndNotClean() {
        byte[] zip = Archives.zip(files("a.txt", Samples.text("hello world hello world")));
        byte[] corrupt = java.util.Arrays.copyOf(zip, zip.length - 30);

        Report report = scanFile("broken.zip", corrupt);

        assertFalse(report.verdict() == Verdict.CLEAN, codes(report).toString());
        assertTrue(codes(report).contains("parse.zip"));
        assertTrue(
                nodes(report).stream().anyMatch(n -> n.name().equals("a.txt")), "local headers still give the member");
    }
}
