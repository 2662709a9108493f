package dev.prefilter.engine.office.crypto;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.OfficeFixtures;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.junit.jupiter.api.Test;

/**
 * Documents protected with Information Rights Management are encrypted to the recipients'
 * rights-management accounts: nothing here can open them, so they are never clean.
 */
class RightsManagementTest {

    /** The MS-OFFCRYPTO 2.2 data spaces of an IRM document: a DRMEncryptedDataSpace with its transform. */
    private static void dataSpaces(DirectoryEntry root) throws IOException {
        DirectoryEntry spaces = root.createDirectory("\u0006DataSpaces");
        spaces.createDocument("Version", new ByteArrayInputStream(utf16("Microsoft.Container.DataSpaces")));
        spaces.createDocument("DataSpaceMap", new ByteArrayInputStream(utf16("DRMEncryptedDataSpace")));
        spaces.createDirectory("DataSpaceInfo")
                .createDocument("DRMEncryptedDataSpace", new ByteArrayInputStream(utf16("DRMEncryptedTransform")));
        spaces.createDirectory("TransformInfo")
                .createDirectory("DRMEncryptedTransform")
                .createDocument(
                        "\u0006Primary", new ByteArrayInputStream(utf16("{C73DFACD-061F-43B0-8B64-0C620D2A8B50}")));
    }

    private static byte[] utf16(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[Math.max(text.length + 8, 64)];
        System.arraycopy(text, 0, out, 8, text.length);
        return out;
    }

    @Test
    void anIrmProtectedOoxmlDocumentIsNeverClean() {
        byte[] irm = OfficeFixtures.ole2(root -> {
            dataSpaces(root);
            byte[] encrypted = new byte[4096];
            new java.util.Random(3).nextBytes(encrypted);
            root.createDocument("\u0009DRMContent", new ByteArrayInputStream(encrypted));
        });

        Report report = TestEngines.scanFile("Board minutes.docx", irm);

        Finding f = report.findings().stream()
                .filter(x -> x.code().equals("office.irm-protected"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        codes(report).toString() + " " + report.root().detectedType()));
        assertEquals("DRMEncryptedDataSpace", f.evidence().get("dataSpace"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void anIrmProtectedBinaryWordDocumentIsNeverClean() {
        byte[] irm = OfficeFixtures.ole2(root -> {
            root.createDocument("WordDocument", new ByteArrayInputStream(new byte[512]));
            root.createDocument("1Table", new ByteArrayInputStream(new byte[512]));
            dataSpaces(root);
            root.createDocument("\u0009DRMContent", new ByteArrayInputStream(new byte[2048]));
        });

        Report report = TestEngines.scanFile("salaries.doc", irm);

        assertTrue(
                codes(report).contains("office.irm-protected"),
                codes(report) + " " + report.root().detectedType());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void passwordEncryptionDataSpacesAreNoRightsManagement() throws Exception {
        byte[] encrypted = OfficeCryptoAnalyzerTest.encryptPackage(
                dev.prefilter.engine.office.MacroFixtures.docm(null),
                "VelvetSweatshop",
                org.apache.poi.poifs.crypt.EncryptionMode.agile);

        Report report = TestEngines.scanFile("offer.docx", encrypted);

        assertFalse(
                codes(report).contains("office.irm-protected"), codes(report).toString());
        assertTrue(codes(report).contains("office.decrypted"), codes(report).toString());
    }
}
