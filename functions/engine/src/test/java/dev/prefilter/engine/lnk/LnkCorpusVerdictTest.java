package dev.prefilter.engine.lnk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** MANIFEST's verdict for every corpus shortcut and for the mails that carry one. */
class LnkCorpusVerdictTest {

    private static final List<String> SHORTCUT_MAILS = List.of(
            "mails/d02_en_zip_lnk_double_ext.eml",
            "mails/d04_en_7z_aes_lnk.eml",
            "mails/d05_en_lnk_wrong_ctype_double_ext.eml");

    /** The archive format each mail's shortcut travels in, when it does. */
    private static final Map<String, String> CONTAINER = Map.of(
            "mails/d02_en_zip_lnk_double_ext.eml", "application/zip",
            "mails/d04_en_7z_aes_lnk.eml", "application/x-7z-compressed");

    @TestFactory
    Stream<DynamicTest> everyCorpusShortcutAndJumpListGetsItsManifestVerdict() {
        return Corpus.cases(root -> {
            List<Corpus.Entry> rows = Corpus.manifest().values().stream()
                    .filter(e -> e.path().startsWith("lnk/") && e.path().endsWith(".lnk")
                            || e.path().startsWith("lnk_jumplist/") && e.path().endsWith(".customDestinations-ms"))
                    .toList();
            assertFalse(rows.isEmpty());
            return rows.stream()
                    .map(row -> DynamicTest.dynamicTest(row.path(), () -> {
                        Report report = TestEngines.scanPath(root.resolve(row.path()));
                        System.out.println(
                                row.path() + " -> " + report.verdict().label() + " " + TestEngines.codes(report));
                        assertEquals(
                                Verdict.parse(row.expectedVerdict()),
                                report.verdict(),
                                row.path() + " (" + row.reason() + "): " + TestEngines.codes(report));
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> mailsCarryingShortcutsGetTheirManifestVerdict() {
        return Corpus.cases(root -> {
            Map<String, Corpus.Entry> manifest = Corpus.manifest();
            return SHORTCUT_MAILS.stream()
                    .map(path -> DynamicTest.dynamicTest(path, () -> {
                        Report report = TestEngines.scanPath(root.resolve(path));
                        System.out.println(path + " -> " + report.verdict().label() + " " + TestEngines.codes(report));
                        assertTrue(
                                TestEngines.nodes(report).stream()
                                        .anyMatch(n -> n.facts().containsKey("lnk")),
                                path + ": no shortcut was analysed");
                        assertEquals(
                                Verdict.parse(manifest.get(path).expectedVerdict()),
                                report.verdict(),
                                path + ": " + TestEngines.codes(report));
                    }));
        });
    }

    /**
     * The shortcut inside each mail, taken out here with the JDK and commons-compress, gets the
     * mail's verdict on its own: the shortcut analysis decides those mails, not the archive around it.
     */
    @Test
    void shortcutsInsideTheMails() throws IOException {
        Path root = Corpus.require();
        Map<String, Corpus.Entry> manifest = Corpus.manifest();
        for (String path : SHORTCUT_MAILS) {
            byte[] attachment = attachment(root.resolve(path));
            String container = CONTAINER.get(path);
            byte[] shortcut = container == null
                    ? attachment
                    : container.equals("application/zip")
                            ? firstZipMember(attachment)
                            : firstSevenZipMember(attachment, "abc123");
            Report report = TestEngines.scanFile("invoice.pdf.lnk", shortcut);
            ReportNode node = report.root();
            System.out.println(path + " shortcut -> " + report.verdict().label() + " " + TestEngines.codes(report));
            assertTrue(node.facts().containsKey("lnk"), path);
            assertEquals(
                    Verdict.parse(manifest.get(path).expectedVerdict()),
                    report.verdict(),
                    path + ": " + TestEngines.codes(report));
        }
    }

    private static byte[] attachment(Path mail) throws IOException {
        try (InputStream in = Files.newInputStream(mail)) {
            Message message = new DefaultMessageBuilder().parseMessage(in);
            for (Entity part : ((Multipart) message.getBody()).getBodyParts()) {
                if (part.getFilename() != null) {
                    try (InputStream body = ((SingleBody) part.getBody()).getInputStream()) {
                        return body.readAllBytes();
                    }
                }
            }
        }
        throw new AssertionError("no attachment in " + mail);
    }

    private static byte[] firstZipMember(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            if (entry == null) throw new AssertionError("empty zip");
            return in.readAllBytes();
        }
    }

    private static byte[] firstSevenZipMember(byte[] archive, String password) throws IOException {
        try (SevenZFile file = SevenZFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(archive))
                .setPassword(password.toCharArray())
                .get()) {
            SevenZArchiveEntry entry = file.getNextEntry();
            if (entry == null) throw new AssertionError("empty 7z");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = file.getInputStream(entry)) {
                in.transferTo(out);
            }
            return out.toByteArray();
        }
    }
}
