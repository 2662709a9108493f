package dev.prefilter.engine.detect;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.node;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static dev.prefilter.engine.testing.TestEngines.scanMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.MimeBuilder;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Aliases and harmless swaps give no finding; type disagreements about passive formats never add up to a verdict. */
class TypeDisagreementsTest {

    private static final TypeDetector DETECTOR = TestEngines.detector();
    private static final TypeAliases ALIASES = TypeAliases.load(DETECTOR, TypeCategories.load(DETECTOR));
    private static final TypeDisagreements DISAGREEMENTS = new TypeDisagreements(DETECTOR, ALIASES);

    @ParameterizedTest
    @CsvSource({
        // declared or named as, detected as
        "application/x-pkcs7-signature, application/pkcs7-signature",
        "application/pkcs7-mime, application/pkcs7-signature",
        "text/html, application/xhtml+xml",
        "application/x-x509-cert, application/x-x509-key",
        "application/vnd.apple.keynote, application/x-x509-key",
        "application/x-zip-compressed, application/zip",
        "image/jpeg, image/png",
        "image/x-raw-nikon, image/tiff",
        "image/x-canon-cr2, image/tiff",
        "text/x-diff, application/mbox",
        "text/x-python, application/x-sh",
        "audio/mpeg, audio/mp4"
    })
    void aliasesAndHarmlessSwapsAreNoDisagreement(String claimed, String detected) {
        TypeInfo declared = new TypeInfo(claimed, null, detected);
        TypeInfo named = new TypeInfo(null, claimed, detected);

        assertEquals(List.of(), DISAGREEMENTS.check(declared, "", Optional.empty()));
        assertEquals(List.of(), DISAGREEMENTS.check(named, "x", Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource({
        // a swap that could change what opens the file is still a disagreement
        "image/jpeg, image/svg+xml, LOW",
        "text/plain-not-generic, text/html, LOW",
        "application/pdf, application/zip, LOW",
        // a passive format under a name it is not: info, never weight
        "application/pdf, image/png, INFO",
        "application/msword, text/x-python, INFO"
    })
    void otherDisagreementsKeepAFindingWhoseSeverityFollowsTheContent(
            String claimed, String detected, Severity severity) {
        String named = claimed.equals("text/plain-not-generic") ? "text/x-diff" : claimed;
        List<Finding> findings = DISAGREEMENTS.check(new TypeInfo(null, named, detected), "x", Optional.empty());

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("type.extension-mismatch", findings.get(0).code());
        assertEquals(severity, findings.get(0).severity());
    }

    @Test
    void aPngScreenshotNamedJpgIsClean() throws IOException {
        Report report = scanFile("screenshot.jpg", image("png"));

        assertEquals("image/png", report.root().detectedType());
        assertEquals(List.of(), codes(report));
    }

    @Test
    void aGitFormatPatchAndAPythonScriptWithAShellLineAreClean() {
        Report patch = scanFile(
                "0001-fix-overflow.patch",
                Samples.text("From 3f2a1b Mon Sep 17 00:00:00 2001\nFrom: Dev <dev@example.org>\n"
                        + "Date: Mon, 3 Mar 2025 10:00:00 +0100\nSubject: [PATCH] fix overflow\n\n---\n"
                        + " src/a.c | 2 +-\n 1 file changed\n\ndiff --git a/src/a.c b/src/a.c\n"));
        Report python =
                scanFile("build.py", Samples.text("#!/bin/sh\n\"exec\" python3 \"$0\"\nimport os\nprint(os.name)\n"));

        assertEquals(Verdict.CLEAN, patch.verdict(), codes(patch).toString());
        assertFalse(
                codes(patch).contains("type.extension-mismatch"), codes(patch).toString());
        assertFalse(
                codes(python).contains("type.extension-mismatch"), codes(python).toString());
    }

    @Test
    void manyRenamedImagesInOneMailDoNotAddUpToSuspicious() throws IOException {
        MimeBuilder mail = MimeBuilder.mail().subject("photos").text("the photos from the site visit");
        for (int i = 0; i < 12; i++) {
            mail.attachment("site-visit-" + i + ".pdf", "image/gif", image("png"));
        }
        Report report = scanMail(mail.build());

        assertTrue(
                codes(report).contains("type.extension-mismatch"), codes(report).toString());
        assertEquals(0, report.score(), report.reasons().toString());
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void anExecutableNamedPdfKeepsItsMediumDisagreementAndItsVerdict() {
        Report report = scanFile("statement.pdf", Samples.pe());

        Finding mismatch = report.findings().stream()
                .filter(f -> f.code().equals("type.extension-mismatch"))
                .findFirst()
                .orElseThrow();
        assertEquals(Severity.MEDIUM, mismatch.severity());
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertEquals(
                "application/x-msdownload",
                node(report, "statement.pdf").detectedType().split(";")[0]);
    }

    private static byte[] image(String format) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
