package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.container.io.ChannelSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import dev.prefilter.engine.container.io.SourceInputStream;
import dev.prefilter.engine.container.rar.Rar4Reader;
import dev.prefilter.engine.container.rar.Rar5Reader;
import dev.prefilter.engine.container.rar.RarArchive;
import dev.prefilter.engine.container.rar.RarEntry;
import dev.prefilter.engine.container.rar.RarSignature;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * RAR 4 and RAR 5 archives. No open-source Java RAR decompressor exists, so this lists the
 * headers: every file comes back as an empty child named like the member (the engine still types
 * it by extension) with {@code listedOnly}, its size and whether it is encrypted. Members that are
 * stored uncompressed and unencrypted are extracted for real and checked against their CRC.
 * Anything listed only keeps the verdict at least suspicious.
 */
public final class RarAnalyzer implements Analyzer {

    public static final String RAR = "application/x-rar-compressed";

    @Override
    public String name() {
        return "rar";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return Types.detected(node, RAR);
    }

    @Override
    public void analyze(AnalysisContext context) throws IOException {
        ProblemLog problems = new ProblemLog("rar");
        MemberSink sink = new MemberSink(context, "RAR archive");
        Map<String, Object> facts = new LinkedHashMap<>();
        int encrypted = 0;
        RarArchive archive = null;
        try (SeekableByteChannel channel = context.content().openChannel()) {
            ChannelSource source = new ChannelSource(channel);
            int version = RarSignature.version(source);
            if (version == 0) {
                context.report(
                        ContainerFindings.unsupported("RAR data without a RAR signature at its start (a self-extractor "
                                        + "or an old RAR): it cannot be listed")
                                .build());
                return;
            }
            // the engine takes no more children than its node limit: reading more headers only costs memory
            int bound = context.limits().maxNodes() + 1;
            archive = version == 5
                    ? new Rar5Reader(source, bound, problems).read()
                    : new Rar4Reader(source, bound, problems).read();
            int directories = 0;
            for (RarEntry entry : archive.entries()) {
                if (!sink.visit()) {
                    break;
                }
                if (entry.encrypted()) {
                    encrypted++;
                }
                if (entry.directory()) {
                    directories++;
                    continue;
                }
                if (!(extractable(entry) ? extract(source, entry, sink, problems) : list(entry, sink))) {
                    break;
                }
            }
            facts.put("version", archive.version());
            facts.put("members", archive.entries().size() - directories);
            facts.put("directories", directories);
            facts.put("solid", archive.solid());
            facts.put("volume", archive.volume());
            facts.put("headersEncrypted", archive.headersEncrypted());
            if (archive.stoppedBy() != null) {
                problems.add(archive.stoppedBy());
            }
            if (archive.moreEntries()) {
                context.report(Finding.of(
                                "limit.container-entries",
                                Severity.HIGH,
                                "the RAR archive has more than " + (bound - 1) + " headers: the rest were not listed")
                        .with("maxEntries", bound - 1)
                        .build());
            }
        } catch (ContainerFormatException e) {
            context.report(ContainerFindings.malformed("rar", "the RAR archive cannot be read", e));
        } finally {
            context.fact("rar", facts);
            problems.reportTo(context, "the RAR archive");
            if (archive != null) {
                report(context, archive, sink.listedOnly(), encrypted);
            }
        }
    }

    private static boolean extractable(RarEntry e) {
        return e.stored()
                && !e.encrypted()
                && !e.split()
                && e.linkTarget() == null
                && e.unpackedSize() == e.packedSize();
    }

    private static boolean extract(ChannelSource source, RarEntry entry, MemberSink sink, ProblemLog problems)
            throws IOException {
        CheckedInputStream data = new CheckedInputStream(
                new SourceInputStream(source, entry.dataOffset(), entry.packedSize()), new CRC32());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("stored", true);
        boolean more = sink.file(entry.name(), data, -1, facts);
        boolean readWhole = data.read() < 0;
        if (readWhole && entry.crc32() >= 0 && data.getChecksum().getValue() != entry.crc32()) {
            problems.add("stored member " + entry.name() + " fails its CRC");
        }
        return more;
    }

    private static boolean list(RarEntry entry, MemberSink sink) throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (entry.linkTarget() != null) {
            facts.put("linkTarget", Evidence.text(entry.linkTarget()));
        }
        if (entry.split()) {
            facts.put("split", true);
        }
        return sink.listed(entry.name(), entry.unpackedSize(), entry.encrypted(), facts);
    }

    private static void report(AnalysisContext context, RarArchive archive, int listedOnly, int encrypted) {
        if (archive.headersEncrypted()) {
            context.report(ContainerFindings.encryptedUnopened(
                            "the RAR archive encrypts its headers: not even its member names can be read")
                    .with("membersListed", archive.entries().size())
                    .build());
        } else if (encrypted > 0) {
            context.report(
                    ContainerFindings.encryptedUnopened(encrypted + " RAR member(s) are encrypted and were not opened")
                            .with("encryptedMembers", encrypted)
                            .build());
        }
        if (listedOnly > 0 || archive.headersEncrypted()) {
            context.report(ContainerFindings.unsupported(
                            "RAR content cannot be unpacked; " + listedOnly + " members listed by name only")
                    .with("listedOnly", listedOnly)
                    .with("rarVersion", archive.version())
                    .build());
        }
    }
}
