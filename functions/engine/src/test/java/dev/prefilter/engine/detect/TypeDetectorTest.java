package dev.prefilter.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.hpsf.ClassID;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeDetectorTest {

    private final TypeDetector detector = TestEngines.detector();

    /** Tika drops the whole custom file silently when one entry conflicts: every entry must be live. */
    @ParameterizedTest
    @CsvSource({
        "x.lnk, application/x-ms-shortcut",
        "x.vhdx, application/x-vhdx",
        "x.img, application/x-raw-disk-image",
        "x.hta, application/hta",
        "x.vbe, text/x-vbscript-encoded",
        "x.jse, text/x-jscript-encoded",
        "x.wsf, application/x-ms-wsf",
        "x.ps1, text/x-powershell",
        "x.vba, text/x-vba",
        "x.scr, application/x-screensaver",
        "x.pif, application/x-ms-pif",
        "x.cpl, application/x-ms-cpl",
        "x.reg, text/x-ms-regedit",
        "x.url, application/x-mswinurl",
        "x.slk, application/x-sylk",
        "x.iqy, text/x-ms-iqy",
        "x.settingcontent-ms, application/x-ms-settingcontent",
        "x.library-ms, application/x-ms-search-connector",
        "x.appref-ms, application/x-ms-clickonce",
        "x.scf, application/x-ms-scf"
    })
    void customTypesLoadByName(String name, String type) {
        assertEquals(type, detector.byName(name));
    }

    @Test
    void shortcutsAreRecognisedByTheirBytes() throws IOException {
        assertEquals("application/x-ms-shortcut", detector.byContent(Content.of(Samples.shortcut())));
    }

    @Test
    void windowsInstallersAreToldFromOtherOle2Files() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.getRoot().setStorageClsid(new ClassID("{000C1084-0000-0000-C000-000000000046}"));
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[600]), "\u0005SummaryInformation");
            fs.writeFilesystem(out);
        }
        assertEquals("application/x-ms-installer", detector.byContent(Content.of(out.toByteArray())));
        // the same installer cut after its header: the directory with the CLSID is gone, so it is no installer
        byte[] headerOnly = java.util.Arrays.copyOf(out.toByteArray(), 512);
        assertFalse(detector.byContent(Content.of(headerOnly)).equals("application/x-ms-installer"));
    }

    @Test
    void compatibilityFollowsTheTypeHierarchy() {
        assertTrue(detector.compatible("application/x-dosexec", "application/x-msdownload; format=pe64"));
        assertTrue(detector.compatible(
                "application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        assertFalse(detector.compatible("application/pdf", "application/x-ms-shortcut"));
        assertFalse(detector.compatible(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    }

    /** Minimal in-memory content for detector calls. */
    static final class Content {
        static dev.prefilter.engine.content.Content of(byte[] bytes) throws IOException {
            return new dev.prefilter.engine.content.ContentStore(
                            java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), 1 << 20)
                    .spool(bytes, dev.prefilter.engine.content.SpoolBudget.UNLIMITED);
        }
    }
}
