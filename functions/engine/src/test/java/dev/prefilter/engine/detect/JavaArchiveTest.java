package dev.prefilter.engine.detect;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only a Java archive whose manifest names a Main-Class runs on double-click; libraries, web and
 * enterprise archives and Android packages are foreign executables at most.
 */
class JavaArchiveTest {

    private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 52};

    @Test
    void aJarWithAMainClassRunsOnDoubleClick() {
        Report report = scanFile("tool.jar", jar("Main-Class: com.example.Tool\r\n", "com/example/Tool.class"));

        assertEquals(TypeDetector.RUNNABLE_JAR, report.root().detectedType());
        assertTrue(codes(report).contains("type.script"), codes(report).toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void aRunnableJarStaysRunnableUnderAnotherName() {
        Report report = scanFile("scan.war", jar("Main-Class: a.B\r\n", "a/B.class"));

        assertTrue(codes(report).contains("type.script"), codes(report).toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void aManifestContinuationLineStillNamesTheMainClass() {
        Report report = scanFile(
                "tool.jar", jar("Main-Class: com.example.very.long.package.name.that.wraps.Too\r\n l\r\n", "x.class"));

        assertEquals(TypeDetector.RUNNABLE_JAR, report.root().detectedType());
    }

    @Test
    void aManifestInLowerCaseStillMakesARunnableJar() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(
                "meta-inf/manifest.mf",
                "Manifest-Version: 1.0\r\nMain-Class: a.B\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("a/B.class", CLASS);

        Report report = scanFile("update.jar", Archives.zip(entries));

        assertTrue(
                codes(report).contains("type.script"),
                codes(report) + " " + report.root().detectedType());
    }

    @Test
    void aLibraryJarIsAForeignExecutable() {
        Report report = scanFile("commons-lang.jar", jar("Created-By: 17 (Oracle)\r\n", "org/x/Lib.class"));

        assertEquals("application/java-archive", report.root().detectedType());
        assertTrue(
                codes(report).contains("type.foreign-executable"), codes(report).toString());
        assertFalse(codes(report).contains("type.script"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @ParameterizedTest
    @ValueSource(strings = {"web.war", "app.ear", "app.apk"})
    void webEnterpriseAndAndroidArchivesAreForeignExecutables(String name) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        switch (name) {
            case "web.war" -> entries.put("WEB-INF/web.xml", "<web-app/>".getBytes(StandardCharsets.US_ASCII));
            case "app.ear" ->
                entries.put("META-INF/application.xml", "<application/>".getBytes(StandardCharsets.US_ASCII));
            default -> {
                entries.put("AndroidManifest.xml", new byte[] {3, 0, 8, 0});
                entries.put("classes.dex", "dex\n035\0".getBytes(StandardCharsets.US_ASCII));
            }
        }
        Report report = scanFile(name, Archives.zip(entries));

        assertTrue(codes(report).contains("type.foreign-executable"), name + ": " + codes(report));
        assertFalse(codes(report).contains("type.script"), name + ": " + codes(report));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    private static byte[] jar(String mainAttributes, String classEntry) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(
                "META-INF/MANIFEST.MF",
                ("Manifest-Version: 1.0\r\n" + mainAttributes + "\r\n").getBytes(StandardCharsets.US_ASCII));
        entries.put(classEntry, CLASS);
        return Archives.zip(entries);
    }
}
