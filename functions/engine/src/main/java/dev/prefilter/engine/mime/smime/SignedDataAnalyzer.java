package dev.prefilter.engine.mime.smime;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.detect.FileNames;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import javax.security.auth.x500.X500Principal;

/**
 * Opaque-signed S/MIME ({@code application/pkcs7-mime; smime-type=signed-data}) and {@code .p7m}
 * files (signed e-invoices): no key is needed, the content is inside the signature. The signed
 * content goes back to the engine as a child (a MIME entity for a mail part, the file for a
 * {@code name.xml.p7m}); the signer's certificate and whether the signature verifies are facts.
 * Compressed-data is inflated and digested-data unwrapped the same way. Only encrypted content
 * (enveloped, authenticated-enveloped) stays uninspected, and is said to be.
 */
public final class SignedDataAnalyzer implements Analyzer {

    private static final Set<String> PKCS7 =
            Set.of("application/pkcs7-mime", "application/x-pkcs7-mime", "application/pkcs7-signature");
    private static final Set<String> DECLARED = Set.of("application/pkcs7-mime", "application/x-pkcs7-mime");
    private static final Set<String> UNRECOGNISED = Set.of("application/octet-stream", "text/plain");
    private static final Pattern MIME_HEADER = Pattern.compile("^[A-Za-z0-9-]{1,76}:[^\\r\\n]*\\r?\\n");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");

    @Override
    public String name() {
        return "smime";
    }

    /**
     * PKCS #7 data that the sender declared or named as S/MIME content or a signed file. Detached
     * signatures ({@code application/pkcs7-signature}, {@code .p7s}) are left alone: the content they
     * sign is the mail's other part, and signed mail is ordinary mail.
     */
    @Override
    public boolean accepts(NodeInfo node) {
        String declared = node.type().declared();
        String detected = node.detectedType();
        // base64-saved files are text, and Tika's magic does not know every CMS layout
        boolean bytesFit = PKCS7.contains(detected) || UNRECOGNISED.contains(detected);
        return bytesFit && (node.extension().equals("p7m") || (declared != null && DECLARED.contains(declared)));
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        byte[] der = unarmour(ctx.content().readAll(ctx.limits().maxInMemoryParse()));
        CmsMessage cms;
        try {
            cms = CmsMessage.parse(der);
        } catch (Ber.MalformedException e) {
            ctx.report(Finding.of(
                            "parse.smime",
                            Severity.HIGH,
                            "the S/MIME structure could not be read; what it carries is not inspected")
                    .withError(e)
                    .build());
            return;
        }
        if (CmsMessage.COMPRESSED_DATA.equals(cms.contentType())
                || CmsMessage.DIGESTED_DATA.equals(cms.contentType())) {
            unwrapped(ctx, cms);
            return;
        }
        if (!CmsMessage.SIGNED_DATA.equals(cms.contentType())) {
            ctx.report(Finding.of(
                            "type.smime-uninspected",
                            Severity.HIGH,
                            "S/MIME content that is encrypted (or of another kind than signed data): what it carries"
                                    + " cannot be inspected")
                    .with("contentType", CmsMessage.name(cms.contentType()))
                    .build());
            return;
        }
        ctx.checkTime();
        List<X509Certificate> certificates = SignerCheck.certificates(cms.certificates());
        List<Map<String, Object>> signers = new ArrayList<>();
        for (CmsMessage.Signer signer : cms.signers()) {
            SignerCheck.Result result = SignerCheck.check(signer, cms.content(), certificates);
            signers.add(fact(signer, result));
            if (result.status() == SignerCheck.Status.INVALID) {
                ctx.report(Finding.of(
                                "smime.signature-invalid",
                                Severity.MEDIUM,
                                "the signed content does not match its signature: it was altered after signing, or"
                                        + " the signature was made up")
                        .with("reason", Evidence.text(result.reason()))
                        .with("signer", subject(result.certificate()))
                        .build());
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("contentType", CmsMessage.name(cms.encapsulatedType()));
        facts.put("detached", cms.detached());
        facts.put("certificates", cms.certificates().size());
        facts.put("signers", signers);
        ctx.fact("smime", facts);
        if (!cms.detached()) {
            ctx.child(innerSpec(ctx, cms.content()), new ByteArrayInputStream(cms.content()));
        }
    }

    /** Compressed-data (inflated on its way to the engine, which bounds its size and ratio) and digested-data. */
    private static void unwrapped(AnalysisContext ctx, CmsMessage cms) throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("wrapper", CmsMessage.name(cms.contentType()));
        facts.put("contentType", CmsMessage.name(cms.encapsulatedType()));
        ctx.fact("smime", facts);
        if (cms.content() == null) return;
        if (!CmsMessage.COMPRESSED_DATA.equals(cms.contentType())) {
            ctx.child(innerSpec(ctx, cms.content()), new ByteArrayInputStream(cms.content()));
            return;
        }
        try (InputStream head = inflated(cms.content());
                InputStream all = inflated(cms.content())) {
            ChildSpec spec = innerSpec(ctx, head.readNBytes(200)).withCompressedSize(cms.content().length);
            ctx.child(spec, all);
        } catch (ZipException e) {
            ctx.report(Finding.of(
                            "parse.smime",
                            Severity.HIGH,
                            "the compressed S/MIME content could not be decompressed; it is not inspected")
                    .withError(e)
                    .build());
        }
    }

    private static InputStream inflated(byte[] zlib) {
        return new InflaterInputStream(new ByteArrayInputStream(zlib));
    }

    /** The signed content: a file named without its {@code .p7m}, or the MIME entity of a signed mail part. */
    private static ChildSpec innerSpec(AnalysisContext ctx, byte[] content) {
        NodeInfo node = ctx.node();
        String stem = node.named() ? FileNames.stem(FileNames.baseName(node.name())) : "";
        boolean fileInside =
                node.extension().equals("p7m") && !FileNames.extension(stem).isEmpty();
        if (fileInside) {
            return ChildSpec.named(stem, Origin.EMBEDDED).withFact("signedContent", true);
        }
        String head = new String(content, 0, Math.min(content.length, 200), StandardCharsets.ISO_8859_1);
        ChildSpec spec = ChildSpec.labelled("signed content", Origin.EMBEDDED).withFact("signedContent", true);
        return MIME_HEADER.matcher(head).find() ? spec.withDeclaredType("message/rfc822") : spec;
    }

    private static Map<String, Object> fact(CmsMessage.Signer signer, SignerCheck.Result result) {
        Map<String, Object> f = new LinkedHashMap<>();
        X509Certificate cert = result.certificate();
        f.put("subject", subject(cert));
        f.put(
                "issuer",
                cert == null
                        ? null
                        : Evidence.text(cert.getIssuerX500Principal().getName(X500Principal.RFC2253)));
        f.put("serialNumber", cert == null ? null : cert.getSerialNumber().toString(16));
        f.put("notBefore", cert == null ? null : cert.getNotBefore().toInstant().toString());
        f.put("notAfter", cert == null ? null : cert.getNotAfter().toInstant().toString());
        f.put("signingTime", Evidence.text(signer.signingTime(), 40));
        f.put("signature", result.status().name().toLowerCase(java.util.Locale.ROOT));
        f.put("reason", Evidence.text(result.reason()));
        f.values().removeIf(v -> v == null);
        return f;
    }

    private static String subject(X509Certificate cert) {
        return cert == null
                ? null
                : Evidence.text(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
    }

    /** DER as it is, or the DER inside base64 text (a PEM {@code PKCS7} block or bare base64, as some .p7m files are saved). */
    private static byte[] unarmour(byte[] data) {
        if (data.length == 0 || data[0] == 0x30) return data;
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int begin = text.indexOf("-----BEGIN");
        if (begin >= 0) {
            int bodyStart = text.indexOf('\n', begin);
            int end = text.indexOf("-----END", Math.max(bodyStart, 0));
            if (bodyStart < 0 || end < 0) return data;
            text = text.substring(bodyStart + 1, end);
        }
        if (!BASE64.matcher(text).matches()) return data;
        try {
            return Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            return data;
        }
    }
}
