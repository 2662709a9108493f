package dev.prefilter.engine.archive;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.password.PasswordCandidate;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.model.LocalFileHeader;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/**
 * Opens ZipCrypto and AES members with zip4j. A password counts only once a whole member has
 * decrypted and passed its CRC or MAC check, so the 1-in-256 ZipCrypto header false positive
 * never yields garbage children.
 */
final class EncryptedZipOpener {

    void open(AnalysisContext ctx, List<String> lockedNames, Charset names) throws IOException {
        List<PasswordCandidate> candidates =
                ctx.passwords().candidates(ctx.limits().maxPasswordAttempts());
        String method = null;
        for (PasswordCandidate candidate : candidates) {
            ctx.checkTime();
            Verification v = verify(ctx, candidate.password(), names);
            if (method == null) method = v.method;
            if (v.ok) {
                ctx.report(Finding.of(
                                "archive.password-opened",
                                Severity.INFO,
                                "encrypted zip opened with a password " + where(candidate))
                        .with("password", candidate.password())
                        .with("passwordSource", candidate.source())
                        .with("encryption", v.method)
                        .build());
                extract(ctx, candidate.password(), names);
                return;
            }
        }
        unopened(ctx, lockedNames, candidates, method);
    }

    /** Without a central directory: stream local headers, members in the clear and, if possible, encrypted ones. */
    void openByLocalHeaders(AnalysisContext ctx) throws IOException {
        try {
            extract(ctx, null, StandardCharsets.UTF_8);
        } catch (IOException e) {
            ctx.report(Finding.of("parse.zip", Severity.HIGH, "zip local headers could not be read either")
                    .with("error", e.getMessage())
                    .build());
        }
    }

    static String where(PasswordCandidate candidate) {
        return switch (candidate.source()) {
            case "operator" -> "supplied by the operator";
            case "default list" -> "from the default list";
            default -> "found in the mail (" + candidate.source() + ")";
        };
    }

    private record Verification(boolean ok, String method) {}

    private Verification verify(AnalysisContext ctx, String password, Charset names) {
        String method = null;
        try (InputStream raw = ctx.content().openStream();
                ZipInputStream zip = new ZipInputStream(raw, password.toCharArray(), names)) {
            LocalFileHeader header;
            byte[] buffer = new byte[64 * 1024];
            long budget = ctx.limits().maxNodeBytes();
            while ((header = zip.getNextEntry()) != null) {
                if (header.isDirectory() || !header.isEncrypted()) continue;
                method = describe(header.getEncryptionMethod());
                long read = 0;
                int n;
                while ((n = zip.read(buffer)) != -1) {
                    read += n;
                    if (read > budget) return new Verification(false, method);
                    ctx.checkTime();
                }
                return new Verification(true, method);
            }
            return new Verification(false, method);
        } catch (IOException e) {
            return new Verification(false, method);
        }
    }

    private void extract(AnalysisContext ctx, String password, Charset names) throws IOException {
        try (InputStream raw = ctx.content().openStream();
                ZipInputStream zip = password == null
                        ? new ZipInputStream(raw, names)
                        : new ZipInputStream(raw, password.toCharArray(), names)) {
            LocalFileHeader header;
            while ((header = zip.getNextEntry()) != null) {
                ctx.checkTime();
                if (header.isDirectory() || (password != null && !header.isEncrypted())) continue;
                if (password == null && header.isEncrypted()) {
                    ListedMember.add(ctx, header.getFileName(), header.getUncompressedSize(), true);
                    continue;
                }
                ChildSpec spec = ChildSpec.named(header.getFileName(), Origin.ARCHIVE_MEMBER)
                        .withCompressedSize(header.getCompressedSize())
                        .withFact("encrypted", header.isEncrypted() ? true : null);
                try {
                    if (!ctx.child(spec, new NonClosing(zip))) return;
                } catch (IOException e) {
                    ctx.report(Finding.of(
                                    "parse.zip-member",
                                    Severity.HIGH,
                                    "a zip member failed to decrypt or unpack; it was not inspected")
                            .with("member", header.getFileName())
                            .with("error", e.getMessage())
                            .build());
                    return;
                }
            }
        }
    }

    private void unopened(AnalysisContext ctx, List<String> lockedNames, List<PasswordCandidate> tried, String method)
            throws IOException {
        Set<String> sources = new LinkedHashSet<>();
        tried.forEach(c -> sources.add(
                c.source().startsWith("operator") || c.source().startsWith("default") ? c.source() : "mail"));
        ctx.report(Finding.of(
                        "archive.encrypted-unopened",
                        Severity.HIGH,
                        "encrypted zip that none of the " + tried.size()
                                + " candidate passwords opened: its content cannot be inspected")
                .with("encryption", method)
                .with("lockedMembers", lockedNames.size())
                .with("passwordsTried", tried.size())
                .with("passwordSources", List.copyOf(sources))
                .build());
        for (String name : lockedNames) {
            if (!ListedMember.add(ctx, name, -1, true)) return;
        }
    }

    private static String describe(EncryptionMethod method) {
        if (method == null) return null;
        return switch (method) {
            case ZIP_STANDARD, ZIP_STANDARD_VARIANT_STRONG -> "ZipCrypto";
            case AES -> "AES";
            default -> method.name();
        };
    }

    /** The spool closes what it reads; the zip stream must stay open for the next member. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
