package dev.prefilter.engine.office.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.MacroFixtures;
import dev.prefilter.engine.office.MacroFixtures.Module;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

class OfficeCryptoAnalyzerTest {

    private static final String AUTO_SHELL = "Sub AutoOpen()\r\n    Shell \"cmd /c calc\"\r\nEnd Sub\r\n";

    static byte[] encryptPackage(byte[] pkg, String password, EncryptionMode mode) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(mode).getEncryptor();
            encryptor.confirmPassword(password);
            try (OutputStream os = encryptor.getDataStream(fs)) {
                os.write(pkg);
            }
            return MacroFixtures.bytes(fs);
        }
    }

    private static byte[] macroDocm() {
        return MacroFixtures.docm(MacroFixtures.vbaProjectBin(
                List.of(Module.standard("Module1", AUTO_SHELL)), new byte[] {(byte) 0xCC, 0x61}));
    }

    private static List<Finding> findings(Report report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void defaultPasswordOpensAgileOoxmlAndTheMacroInsideIsFound() throws Exception {
        byte[] encrypted = encryptPackage(macroDocm(), "VelvetSweatshop", EncryptionMode.agile);
        Report report = TestEngines.scanFile("offer.docm", encrypted);
        Finding opened = findings(report, "office.decrypted").get(0);
        assertEquals(Severity.INFO, opened.severity());
        assertEquals("VelvetSweatshop", opened.evidence().get("password"));
        assertEquals("Office default", opened.evidence().get("source"));
        ReportNode root = report.root();
        ReportNode child = root.children().get(0);
        assertEquals(Origin.DECRYPTED, child.origin());
        assertEquals("offer.docm", child.name());
        assertTrue(
                child.findings().stream().anyMatch(f -> f.code().equals("vba.autoexec-write-execute")),
                child.findings().toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void passwordWrittenInTheMailOpensTheAttachment() throws Exception {
        byte[] encrypted = encryptPackage(macroDocm(), "Kx7-Mail9", EncryptionMode.standard);
        String mail = "From: a@example.com\r\nTo: b@example.com\r\nSubject: order\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: "
                + "text/plain; charset=utf-8\r\n\r\n"
                + "Please open the attached order.\r\nPassword: Kx7-Mail9\r\n\r\n--b1\r\n"
                + "Content-Type: application/vnd.ms-word.document.macroEnabled.12; name=\"order.docm\"\r\n"
                + "Content-Disposition: attachment; filename=\"order.docm\"\r\nContent-Transfer-Encoding: "
                + "base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(encrypted) + "\r\n--b1--\r\n";
        Report report = TestEngines.scanMail(mail.getBytes(StandardCharsets.UTF_8));
        Finding opened = findings(report, "office.decrypted").get(0);
        assertEquals("Kx7-Mail9", opened.evidence().get("password"));
        assertTrue(
                opened.evidence().get("source").toString().contains("body part"),
                opened.evidence().toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void operatorPasswordOpensIt() throws Exception {
        byte[] encrypted = encryptPackage(macroDocm(), "op-secret", EncryptionMode.standard);
        Report report = TestEngines.standard()
                .scan(ScanRequest.file("x.docm", "x.docm", () -> new ByteArrayInputStream(encrypted))
                        .withPasswords(List.of("op-secret")));
        assertEquals(
                "operator",
                findings(report, "office.decrypted").get(0).evidence().get("source"));
    }

    @Test
    void unknownPasswordIsNeverClean() throws Exception {
        byte[] encrypted = encryptPackage(MacroFixtures.docm(null), "no-one-knows-this", EncryptionMode.standard);
        Report report = TestEngines.scanFile("contract.docx", encrypted);
        Finding closed = findings(report, "office.encrypted-unopened").get(0);
        assertEquals(Severity.HIGH, closed.severity());
        assertEquals("standard", closed.evidence().get("method"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertTrue(report.root().children().isEmpty());
    }

    @Test
    void rc4EncryptedWorkbookIsDecryptedToAPlainWorkbook() throws Exception {
        byte[] encrypted;
        try (HSSFWorkbook wb = new HSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Data").createRow(0).createCell(0).setCellValue("http://example.org/report");
            Biff8EncryptionKey.setCurrentUserPassword("VelvetSweatshop");
            try {
                wb.write(out);
            } finally {
                Biff8EncryptionKey.setCurrentUserPassword(null);
            }
            encrypted = out.toByteArray();
        }
        Report report = TestEngines.scanFile("book.xls", encrypted);
        Finding encryptedFinding = findings(report, "office.encrypted").get(0);
        assertEquals("xls", encryptedFinding.evidence().get("format"));
        assertEquals(
                "VelvetSweatshop",
                findings(report, "office.decrypted").get(0).evidence().get("password"));
        ReportNode child = report.root().children().get(0);
        assertEquals(Origin.DECRYPTED, child.origin());
        assertEquals("application/vnd.ms-excel", child.detectedType());
        assertTrue(
                child.findings().stream().noneMatch(f -> f.code().startsWith("office.encrypted")),
                "the child is plaintext");
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
    }

    /**
     * A real Excel 4.0 workbook from the corpus, encrypted here (POI writes CryptoAPI RC4): the macro
     * sheet survives decryption.
     */
    @Test
    void encryptedXlmWorkbookIsDecryptedAndItsMacroSheetFound() throws Exception {
        java.nio.file.Path sample =
                dev.prefilter.engine.testing.Corpus.require().resolve("office_xlm/excel4_sample_macro.xls");
        byte[] encrypted;
        try (POIFSFileSystem fs = new POIFSFileSystem(sample.toFile(), true);
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            HSSFWorkbook wb = new HSSFWorkbook(fs.getRoot(), true);
            Biff8EncryptionKey.setCurrentUserPassword("VelvetSweatshop");
            try {
                wb.write(out);
            } finally {
                Biff8EncryptionKey.setCurrentUserPassword(null);
            }
            encrypted = out.toByteArray();
        }
        Report report = TestEngines.scanFile("macro.xls", encrypted);
        assertEquals(
                "cryptoapi",
                findings(report, "office.encrypted").get(0).evidence().get("method"));
        assertTrue(TestEngines.codes(report).contains("office.decrypted"));
        ReportNode child = report.root().children().get(0);
        assertTrue(
                child.findings().stream().anyMatch(f -> f.code().equals("xlm.macro-sheet")),
                child.findings().toString());
        assertTrue(
                child.findings().stream().anyMatch(f -> f.code().equals("xlm.auto-open")),
                child.findings().toString());
        assertTrue(
                report.root().findings().stream().noneMatch(f -> f.code().startsWith("xlm.")),
                "the encrypted parent is left to its plaintext child");
    }

    /** Excel 5/95 knows only XOR obfuscation: its FILEPASS (key, verifier) has no type field to read. */
    @Test
    void excel95ObfuscationIsXorNotCryptoApi() throws Exception {
        byte[] book = dev.prefilter.engine.office.BiffFixtures.workbookStream(
                false,
                List.of(new dev.prefilter.engine.office.BiffFixtures.Sheet("Sheet1", 0, 0, List.of())),
                List.of());
        int bofEnd = 4 + (book[2] & 0xff);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(book, 0, bofEnd);
        stream.writeBytes(new byte[] {0x2F, 0x00, 0x04, 0x00, (byte) 0x9C, (byte) 0xD5, 0x37, (byte) 0xCC});
        stream.write(book, bofEnd, book.length - bofEnd);
        byte[] xls;
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(stream.toByteArray()), "Book");
            xls = MacroFixtures.bytes(fs);
        }
        Report report = TestEngines.scanFile("budget95.xls", xls);
        Finding encrypted = findings(report, "office.encrypted").get(0);
        assertEquals(
                "xor", encrypted.evidence().get("method"), report.findings().toString());
        assertTrue(report.verdict() != Verdict.CLEAN, "an obfuscated workbook that was not opened is never clean");
    }

    @Test
    void plainDocumentsAreNotReportedAsEncrypted() {
        Report report = TestEngines.scanFile("plain.doc", MacroFixtures.doc(null));
        assertTrue(
                report.findings().stream().noneMatch(f -> f.code().startsWith("office.")),
                report.findings().toString());
    }
}
