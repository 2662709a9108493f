package dev.prefilter.engine.office.vba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.MacroFixtures;
import dev.prefilter.engine.office.MacroFixtures.Module;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

/** PowerPoint 97-2003 keeps its VBA project in a zlib-compressed ExOleObjStg record, not in a storage. */
class PowerPointVbaTest {

    static byte[] pptWithProject(String password) throws Exception {
        byte[] bin = MacroFixtures.vbaProjectBin(
                List.of(Module.standard(
                        "Module1",
                        "Sub Auto_Open()\r\n    CreateObject(\"WScript.Shell\").Run \"calc\"\r\nEnd Sub\r\n")),
                new byte[] {(byte) 0xCC, 0x61});
        try (HSLFSlideShow ppt = new HSLFSlideShow();
                POIFSFileSystem project = new POIFSFileSystem(new ByteArrayInputStream(bin));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ppt.createSlide();
            // addEmbed wants a known class id; PowerPoint's own VBA storage is found the same way as any embedded
            // storage
            project.getRoot().setStorageClsid(org.apache.poi.hpsf.ClassIDPredefined.EXCEL_V8.getClassID());
            ppt.addEmbed(project);
            Biff8EncryptionKey.setCurrentUserPassword(password);
            try {
                ppt.write(out);
            } finally {
                Biff8EncryptionKey.setCurrentUserPassword(null);
            }
            return out.toByteArray();
        }
    }

    @Test
    void projectInAnExOleObjStgIsFound() throws Exception {
        Report report = TestEngines.scanFile("deck.ppt", pptWithProject(null));
        Finding macros = report.findings().stream()
                .filter(f -> f.code().equals("vba.macros"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(report.findings()));
        assertEquals(List.of("Module1"), macros.evidence().get("modules"));
        assertEquals(Verdict.MALICIOUS, report.verdict(), "Auto_Open with WScript.Shell .Run");
    }

    @Test
    void encryptedPresentationIsDecryptedAndItsProjectFound() throws Exception {
        Report report = TestEngines.scanFile("deck.ppt", pptWithProject("/01Hannes Ruescher/01"));
        assertTrue(
                TestEngines.codes(report).contains("office.decrypted"),
                report.findings().toString());
        assertTrue(
                TestEngines.codes(report).contains("vba.macros"),
                report.findings().toString());
    }
}
