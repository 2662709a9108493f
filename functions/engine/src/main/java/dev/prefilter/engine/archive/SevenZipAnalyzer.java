package dev.prefilter.engine.archive;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.password.PasswordCandidate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.MemoryLimitException;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration;

/**
 * 7z archives with commons-compress, including AES-256 content and encrypted headers, opened
 * with the passwords the mail gave. Solid blocks hide per-member stored sizes, so the whole
 * archive's size stands in for the compression-ratio limit.
 */
public final class SevenZipAnalyzer implements Analyzer {

    @Override
    public String name() {
        return "7z";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return node.detectedType().equals("application/x-7z-compressed");
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        Probe probe = probe(ctx);
        if (probe.memoryLimit != null) {
            ctx.report(DecoderMemory.exceeded("7z", probe.memoryLimit));
            return;
        }
        if (probe.error != null) {
            ctx.report(Finding.of(
                            "parse.7z",
                            Severity.HIGH,
                            "the 7z archive could not be read; its content was not inspected")
                    .with("error", probe.error)
                    .build());
            return;
        }
        if (!probe.needsPassword) {
            extract(ctx, null);
            return;
        }
        List<PasswordCandidate> candidates =
                ctx.passwords().candidates(ctx.limits().maxPasswordAttempts());
        for (PasswordCandidate candidate : candidates) {
            ctx.checkTime();
            if (verifies(ctx, candidate.password())) {
                ctx.report(Finding.of(
                                "archive.password-opened",
                                Severity.INFO,
                                "encrypted 7z opened with a password " + EncryptedZipOpener.where(candidate))
                        .with("password", candidate.password())
                        .with("passwordSource", candidate.source())
                        .with("encryption", "AES-256")
                        .with("headersEncrypted", probe.headersEncrypted)
                        .build());
                extract(ctx, candidate.password());
                return;
            }
        }
        ctx.report(Finding.of(
                        "archive.encrypted-unopened",
                        Severity.HIGH,
                        "encrypted 7z that none of the " + candidates.size()
                                + " candidate passwords opened: its content cannot be inspected")
                .with("encryption", "AES-256")
                .with("headersEncrypted", probe.headersEncrypted)
                .with("passwordsTried", candidates.size())
                .build());
        for (Map<String, Object> member : probe.members) {
            if (!ListedMember.add(ctx, (String) member.get("name"), (Long) member.get("size"), true)) return;
        }
    }

    private static final class Probe {
        boolean needsPassword;
        boolean headersEncrypted;
        String error;
        MemoryLimitException memoryLimit;
        final List<Map<String, Object>> members = new ArrayList<>();
    }

    private Probe probe(AnalysisContext ctx) {
        Probe probe = new Probe();
        try (SeekableByteChannel channel = ctx.content().openChannel();
                SevenZFile archive = open(channel, null)) {
            SevenZArchiveEntry entry;
            while ((entry = archive.getNextEntry()) != null) {
                if (entry.isDirectory() || entry.isAntiItem()) continue;
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("name", entry.getName());
                member.put("size", entry.getSize());
                boolean encrypted = encrypted(entry);
                if (!probe.needsPassword && entry.hasStream() && (encrypted || locked(archive))) {
                    probe.needsPassword = true;
                }
                if (encrypted) member.put("encrypted", true);
                if (probe.members.size() < ZipAnalyzer.LISTED_IN_FACTS) probe.members.add(member);
            }
            ctx.fact("members", probe.members);
        } catch (PasswordRequiredException e) {
            probe.needsPassword = true;
            probe.headersEncrypted = true;
            ctx.fact("headersEncrypted", true);
        } catch (MemoryLimitException e) {
            probe.memoryLimit = e;
        } catch (IOException e) {
            probe.error = Evidence.error(e);
        }
        return probe;
    }

    /** Reading one byte of the current entry tells whether its folder needs a password. */
    private static boolean locked(SevenZFile archive) throws IOException {
        try {
            archive.read();
            return false;
        } catch (PasswordRequiredException e) {
            return true;
        }
    }

    /**
     * Whether the entry's coders include AES. An entry with content whose coder list the archive
     * does not give cannot be judged: that is a damaged archive (parse.7z), never "not encrypted".
     */
    private static boolean encrypted(SevenZArchiveEntry entry) throws IOException {
        if (!entry.hasStream()) return false;
        Iterable<? extends SevenZMethodConfiguration> methods = entry.getContentMethods();
        if (methods == null) {
            throw new IOException("the coders of " + Evidence.text(entry.getName(), 120) + " cannot be read");
        }
        for (SevenZMethodConfiguration m : methods) {
            if (m.getMethod() == SevenZMethod.AES256SHA256) return true;
        }
        return false;
    }

    private boolean verifies(AnalysisContext ctx, String password) {
        try (SeekableByteChannel channel = ctx.content().openChannel();
                SevenZFile archive = open(channel, password)) {
            SevenZArchiveEntry entry;
            byte[] buffer = new byte[64 * 1024];
            while ((entry = archive.getNextEntry()) != null) {
                if (!entry.hasStream() || entry.getSize() == 0) continue;
                long read = 0;
                int n;
                while ((n = archive.read(buffer)) != -1) {
                    read += n;
                    if (read > ctx.limits().maxNodeBytes()) return false;
                    ctx.checkTime();
                }
                return true;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void extract(AnalysisContext ctx, String password) throws IOException {
        long archiveSize = ctx.content().size();
        try (SeekableByteChannel channel = ctx.content().openChannel();
                SevenZFile archive = open(channel, password)) {
            SevenZArchiveEntry entry;
            while ((entry = archive.getNextEntry()) != null) {
                ctx.checkTime();
                if (entry.isDirectory() || entry.isAntiItem()) continue;
                ChildSpec spec =
                        ChildSpec.named(entry.getName(), Origin.ARCHIVE_MEMBER).withCompressedSize(archiveSize);
                if (!ctx.child(spec, new EntryStream(archive))) return;
            }
        } catch (MemoryLimitException e) {
            ctx.report(DecoderMemory.exceeded("7z", e));
        } catch (IOException e) {
            ctx.report(Finding.of("parse.7z", Severity.HIGH, "the 7z archive could not be unpacked to its end")
                    .withError(e)
                    .build());
        }
    }

    private static SevenZFile open(SeekableByteChannel channel, String password) throws IOException {
        SevenZFile.Builder builder =
                SevenZFile.builder().setSeekableByteChannel(channel).setMaxMemoryLimitKiB(DecoderMemory.LIMIT_KIB);
        if (password != null) builder.setPassword(password.toCharArray());
        return builder.get();
    }

    /** Reads the current entry of a SevenZFile as a stream. */
    private static final class EntryStream extends InputStream {
        private final SevenZFile archive;

        EntryStream(SevenZFile archive) {
            this.archive = archive;
        }

        @Override
        public int read() throws IOException {
            return archive.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return archive.read(b, off, len);
        }
    }
}
