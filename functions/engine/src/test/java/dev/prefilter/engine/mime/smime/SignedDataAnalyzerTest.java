package dev.prefilter.engine.mime.smime;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.node;
import static dev.prefilter.engine.testing.TestEngines.nodes;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static dev.prefilter.engine.testing.TestEngines.scanMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.fixtures.MimeBuilder;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opaque-signed S/MIME and signed .p7m files are opened; encrypted S/MIME stays uninspected and is said to be. */
class SignedDataAnalyzerTest {

    private static final CmsFixtures.Signer EC = CmsFixtures.ecSigner("Fornitore Fatture");
    private static final byte[] INVOICE = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<p:FatturaElettronica versione=\"FPR12\" xmlns:p=\"http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2\">"
                    + "<FatturaElettronicaHeader/></p:FatturaElettronica>\n")
            .getBytes(StandardCharsets.UTF_8);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> signer(ReportNode node) {
        Map<String, Object> smime = (Map<String, Object>) node.facts().get("smime");
        return ((List<Map<String, Object>>) smime.get("signers")).get(0);
    }

    @Test
    void aSignedXmlInvoiceIsOpenedAndClean() {
        Report report = scanFile("IT01234567890_FPA01.xml.p7m", CmsFixtures.signedData(INVOICE, EC));

        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
        assertEquals(List.of(), codes(report));
        ReportNode inner = node(report, "IT01234567890_FPA01.xml");
        assertEquals(Origin.EMBEDDED, inner.origin());
        assertEquals(INVOICE.length, inner.size());
        Map<String, Object> signer = signer(report.root());
        assertEquals("valid", signer.get("signature"));
        assertEquals("O=Fornitore S.p.A.,CN=Fornitore Fatture", signer.get("subject"));
        assertEquals("260301120000Z", signer.get("signingTime"));
    }

    @Test
    void anRsaSignatureNamedRsaEncryptionVerifiesToo() {
        Report report = scanFile("contract.pdf.p7m", CmsFixtures.signedData(INVOICE, CmsFixtures.rsaSigner("Notaio")));

        assertEquals("valid", signer(report.root()).get("signature"));
    }

    @Test
    void streamedBerWithIndefiniteLengthsAndContentInSegmentsIsRead() {
        byte[] ber = CmsFixtures.signedData(INVOICE, INVOICE, EC, true);

        Report report = scanFile("fattura.xml.p7m", ber);

        assertEquals(INVOICE.length, node(report, "fattura.xml").size());
        assertEquals("valid", signer(report.root()).get("signature"));
        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
    }

    @Test
    void aBase64SavedP7mIsReadToo() {
        byte[] text = Base64.getMimeEncoder().encode(CmsFixtures.signedData(INVOICE, EC));

        Report report = scanFile("fattura.xml.p7m", text);

        assertTrue(
                nodes(report).stream().anyMatch(n -> n.name().equals("fattura.xml")),
                codes(report).toString());
    }

    @Test
    void anOpaqueSignedMailIsOpenedAndWhatItCarriesIsJudged() {
        byte[] entity = MimeBuilder.mail()
                .subject("invoice")
                .text("Please find the invoice attached.")
                .attachment("invoice.exe", "application/octet-stream", Samples.pe())
                .build();

        Report report = scanMail(signedMail(CmsFixtures.signedData(entity, EC)));

        assertTrue(
                nodes(report).stream().anyMatch(n -> n.name().equals("invoice.exe")),
                codes(report).toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertFalse(codes(report).contains("type.smime-uninspected"));
    }

    @Test
    void anOpaqueSignedMailWithOrdinaryContentIsClean() {
        byte[] entity = ("Content-Type: text/plain; charset=UTF-8\r\n\r\nThe minutes of today's meeting.\r\n")
                .getBytes(StandardCharsets.UTF_8);

        Report report = scanMail(signedMail(CmsFixtures.signedData(entity, EC)));

        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
        assertEquals("message/rfc822", node(report, "signed content").declaredType());
    }

    @Test
    void contentChangedAfterSigningIsSaid() {
        byte[] altered = INVOICE.clone();
        altered[altered.length - 3] = 'X';

        Report report = scanFile("fattura.xml.p7m", CmsFixtures.signedData(INVOICE, altered, EC, false));

        Finding invalid = report.findings().stream()
                .filter(f -> f.code().equals("smime.signature-invalid"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(codes(report).toString()));
        assertEquals(
                "the content does not match the signed digest",
                invalid.evidence().get("reason"));
        assertEquals("invalid", signer(report.root()).get("signature"));
        assertTrue(nodes(report).stream().anyMatch(n -> n.name().equals("fattura.xml")), "the content is still judged");
    }

    @Test
    void compressedSmimeIsInflatedAndWhatItCarriesIsJudged() {
        byte[] entity = MimeBuilder.mail()
                .subject("report")
                .text("attached")
                .attachment("report.js", "application/javascript", Samples.text("WScript.Echo(1)"))
                .build();

        Report report = scanMail(signedMail(CmsFixtures.compressedData(entity)));

        assertTrue(
                nodes(report).stream().anyMatch(n -> n.name().equals("report.js")),
                codes(report).toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void compressedSmimeThatDoesNotInflateIsAParseFinding() {
        byte[] cms = CmsFixtures.compressedData(INVOICE);
        cms[cms.length - 2] ^= 0x55; // the zlib stream's Adler-32 checksum

        Report report = scanMail(signedMail(cms));

        assertTrue(codes(report).contains("parse.smime"), codes(report).toString());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void encryptedSmimeStaysUninspectedAndIsNeverClean() {
        Report report = scanMail(signedMail(CmsFixtures.envelopedData()));

        Finding f = report.findings().stream()
                .filter(x -> x.code().equals("type.smime-uninspected"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(codes(report).toString()));
        assertEquals("envelopedData", f.evidence().get("contentType"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aTruncatedSignatureIsAParseFindingNotClean() {
        byte[] whole = CmsFixtures.signedData(INVOICE, EC);

        Report report = scanFile("fattura.xml.p7m", Arrays.copyOf(whole, whole.length / 2));

        assertTrue(codes(report).contains("parse.smime"), codes(report).toString());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aDetachedSignatureInMultipartSignedIsOrdinarySignedMail() {
        byte[] body = "Content-Type: text/plain\r\n\r\nSee you on Monday.\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] detached = CmsFixtures.signedData(body, EC);
        byte[] mail = MimeBuilder.mail()
                .subject("monday")
                .multipartType("signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256")
                .rawPart("Content-Type: text/plain\r\n", "See you on Monday.\r\n")
                .rawPart(
                        "Content-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n"
                                + "Content-Disposition: attachment; filename=smime.p7s\r\n",
                        Base64.getMimeEncoder().encodeToString(detached) + "\r\n")
                .build();

        Report report = scanMail(mail);

        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
        assertEquals(List.of(), codes(report));
    }

    private static byte[] signedMail(byte[] p7m) {
        return MimeBuilder.mail()
                .subject("signed")
                .rawPart(
                        "Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\n"
                                + "Content-Transfer-Encoding: base64\r\n"
                                + "Content-Disposition: attachment; filename=smime.p7m\r\n",
                        Base64.getMimeEncoder().encodeToString(p7m) + "\r\n")
                .build();
    }
}
