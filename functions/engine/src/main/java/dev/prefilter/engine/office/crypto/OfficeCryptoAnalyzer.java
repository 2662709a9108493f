package dev.prefilter.engine.office.crypto;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.DamagedInput;
import dev.prefilter.engine.office.OfficeTypes;
import dev.prefilter.engine.office.Ole2Files;
import dev.prefilter.engine.password.PasswordCandidate;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Encrypted Office documents: OOXML (agile, standard) and .xls/.doc/.ppt (RC4, CryptoAPI, XOR).
 * Tries Office's default passwords first (Excel opens "VelvetSweatshop" silently), then the
 * passwords of the scan (from the mail, the operator, the engine's list), and hands the
 * plaintext back as a child with the same name, so every analyzer runs on it. A document that
 * stays closed is never clean: {@code office.encrypted-unopened} is high, and so is
 * {@code office.irm-protected} for rights-managed documents, which no password opens.
 */
public final class OfficeCryptoAnalyzer implements Analyzer {

    /**
     * The passwords oletools' crypto module tries by default: Excel's built-in VelvetSweatshop
     * (Office opens such a workbook without asking), PowerPoint's, and short digit strings.
     */
    static final List<String> OFFICE_DEFAULTS =
            List.of("VelvetSweatshop", "/01Hannes Ruescher/01", "123", "1234", "12345", "123456", "4321");

    /** Tika's type for an OLE2 file with a DRM data space. */
    private static final String DRM_ENCRYPTED = "application/x-tika-ole-drm-encrypted";

    /** How {@link dev.prefilter.engine.password.PasswordBook} labels the engine's fallback list. */
    private static final String ENGINE_FALLBACK_SOURCE = "default list";

    @Override
    public String name() {
        return "office-crypto";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return node.is(OfficeTypes.OOXML_PROTECTED)
                || node.is(DRM_ENCRYPTED)
                || OfficeTypes.ole2(node)
                || OfficeTypes.isExcelOle2(node)
                || OfficeTypes.isWordOle2(node)
                || OfficeTypes.isPowerPointOle2(node);
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        try (POIFSFileSystem fs = DamagedInput.guard(
                () -> Ole2Files.open(ctx.content(), ctx.limits().maxInMemoryParse()))) {
            Optional<String> rightsManaged = EncryptionProbe.rightsManagement(fs.getRoot());
            if (rightsManaged.isPresent()) {
                ctx.report(Finding.of(
                                "office.irm-protected",
                                Severity.HIGH,
                                "the document is protected with Information Rights Management: it is encrypted to its"
                                        + " recipients' rights-management accounts and its content cannot be inspected")
                        .with("dataSpace", Evidence.text(rightsManaged.get(), 80))
                        .build());
                return;
            }
            Optional<EncryptedDocument> probed = DamagedInput.guard(() -> EncryptionProbe.probe(fs.getRoot()));
            if (probed.isEmpty()) return;
            EncryptedDocument doc = probed.get();
            ctx.report(Finding.of(
                            "office.encrypted",
                            Severity.INFO,
                            "the document is encrypted (" + doc.format() + ", " + doc.method() + ")")
                    .with("format", doc.format())
                    .with("method", doc.method())
                    .build());
            tryPasswords(ctx, fs, doc);
        } catch (IOException e) {
            if (ctx.node().is(OfficeTypes.OOXML_PROTECTED)) {
                unopened(ctx, null, 0, "the encrypted container could not be read: " + e.getMessage());
            } else {
                ctx.report(Finding.of(
                                "parse.office-crypto",
                                Severity.HIGH,
                                "the document could not be checked for encryption")
                        .withError(e)
                        .build());
            }
        }
    }

    private void tryPasswords(AnalysisContext ctx, POIFSFileSystem fs, EncryptedDocument doc) throws IOException {
        long max = ctx.limits().maxInMemoryParse();
        OfficeDecryptor decryptor = new OfficeDecryptor(doc, fs, () -> Ole2Files.open(ctx.content(), max));
        int tried = 0;
        for (PasswordCandidate candidate : candidates(ctx)) {
            ctx.checkTime();
            tried++;
            Optional<InputStream> plaintext;
            try {
                plaintext = decryptor.open(candidate.password());
            } catch (OfficeDecryptor.Refused e) {
                unopened(ctx, doc, tried, e.getMessage());
                return;
            }
            if (plaintext.isEmpty()) continue;
            ctx.report(Finding.of(
                            "office.decrypted",
                            Severity.INFO,
                            "the document was decrypted (password from: " + Evidence.text(candidate.source(), 120)
                                    + ") and its plaintext analysed as a child")
                    .with("password", Evidence.text(candidate.password(), 64))
                    .with("source", Evidence.text(candidate.source(), 200))
                    .with("attempts", tried)
                    .build());
            NodeInfo node = ctx.node();
            ChildSpec spec = (node.named()
                            ? ChildSpec.named(node.name(), Origin.DECRYPTED)
                            : ChildSpec.labelled(node.name() + " (decrypted)", Origin.DECRYPTED))
                    .withFact("decryptedWith", candidate.source());
            try (InputStream in = plaintext.get()) {
                DamagedInput.guard(() -> ctx.child(spec, in));
            }
            return;
        }
        unopened(ctx, doc, tried, null);
    }

    /**
     * Office's defaults first, then the passwords found in the mail and the operator's, each once,
     * at most {@code maxPasswordAttempts}. The engine's own fallback list (sample-archive passwords
     * such as "infected") is left out: it is for archives, and each agile try costs 100,000 hash rounds.
     */
    static List<PasswordCandidate> candidates(AnalysisContext ctx) {
        int max = ctx.limits().maxPasswordAttempts();
        Map<String, PasswordCandidate> ordered = new LinkedHashMap<>();
        OFFICE_DEFAULTS.forEach(p -> ordered.put(p, new PasswordCandidate(p, "Office default")));
        for (PasswordCandidate c : ctx.passwords().candidates(max)) {
            if (!ENGINE_FALLBACK_SOURCE.equals(c.source())) ordered.putIfAbsent(c.password(), c);
        }
        return new ArrayList<>(ordered.values()).subList(0, Math.min(max, ordered.size()));
    }

    private static void unopened(AnalysisContext ctx, EncryptedDocument doc, int tried, String reason) {
        ctx.report(Finding.of(
                        "office.encrypted-unopened",
                        Severity.HIGH,
                        "the document is encrypted and none of the known passwords opened "
                                + "it: its content (macros included) cannot be inspected")
                .with("format", doc == null ? null : doc.format())
                .with("method", doc == null ? null : doc.method())
                .with("passwordsTried", tried)
                .with("reason", reason == null ? null : Evidence.text(reason, 200))
                .build());
    }
}
