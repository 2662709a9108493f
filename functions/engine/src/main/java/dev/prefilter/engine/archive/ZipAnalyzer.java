package dev.prefilter.engine.archive;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.binary.CrcCheckedInputStream;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Zip archives: members read through the central directory with commons-compress; encrypted
 * members (ZipCrypto, AES) handed to {@link EncryptedZipOpener}, which tries the passwords the
 * mail itself gave.
 */
public final class ZipAnalyzer implements Analyzer {

    private static final Set<String> TYPES = Set.of("application/zip", "application/x-zip-compressed");
    static final int LISTED_IN_FACTS = 200;

    private final EncryptedZipOpener encrypted = new EncryptedZipOpener();

    @Override
    public String name() {
        return "zip";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return TYPES.contains(node.detectedType());
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        List<ZipArchiveEntry> entries;
        try (SeekableByteChannel channel = ctx.content().openChannel();
                ZipFile zip = ZipFile.builder()
                        .setSeekableByteChannel(channel)
                        .setCharset(StandardCharsets.ISO_8859_1)
                        .get()) {
            entries = Collections.list(zip.getEntriesInPhysicalOrder());
            Charset names = namesCharset(entries);
            ctx.fact("members", describe(entries, names));
            List<String> locked = new ArrayList<>();
            for (ZipArchiveEntry entry : entries) {
                ctx.checkTime();
                if (entry.isDirectory()) continue;
                String name = name(entry, names);
                if (entry.getGeneralPurposeBit().usesEncryption()
                        || entry.getGeneralPurposeBit().usesStrongEncryption()) {
                    locked.add(name);
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    ctx.report(Finding.of(
                                    "archive.unsupported-method",
                                    Severity.HIGH,
                                    "a member uses a compression method that cannot be unpacked here; "
                                            + "it was not inspected")
                            .with("member", name)
                            .with("method", entry.getMethod())
                            .build());
                    ListedMember.add(ctx, name, entry.getSize(), false);
                    continue;
                }
                ChildSpec spec =
                        ChildSpec.named(name, Origin.ARCHIVE_MEMBER).withCompressedSize(entry.getCompressedSize());
                boolean more;
                try (CrcCheckedInputStream in =
                        CrcCheckedInputStream.recording(zip.getInputStream(entry), entry.getCrc(), "member " + name)) {
                    more = ctx.child(spec, in);
                    if (in.damage() != null) {
                        ctx.report(Finding.of(
                                        "parse.zip-member",
                                        Severity.HIGH,
                                        "a zip member's bytes do not match their checksum: it is damaged, and was"
                                                + " inspected as it came out")
                                .with("member", name)
                                .with("error", in.damage())
                                .build());
                    }
                } catch (IOException e) {
                    ctx.report(Finding.of(
                                    "parse.zip-member",
                                    Severity.HIGH,
                                    "a zip member could not be unpacked; it was not inspected")
                            .with("member", name)
                            .with("error", e.getMessage())
                            .build());
                    continue;
                }
                if (!more) return;
            }
            if (!locked.isEmpty()) {
                encrypted.open(ctx, locked, names);
            }
        } catch (IOException e) {
            ctx.report(Finding.of(
                            "parse.zip",
                            Severity.HIGH,
                            "the zip's central directory could not be read; members were "
                                    + "read from local headers where possible")
                    .with("error", e.getMessage())
                    .build());
            encrypted.openByLocalHeaders(ctx);
        }
    }

    private static Charset namesCharset(List<ZipArchiveEntry> entries) {
        for (ZipArchiveEntry entry : entries) {
            if (!entry.getGeneralPurposeBit().usesUTF8ForNames()) {
                Charset cs = ArchiveNames.charsetFor(entry.getRawName());
                if (!cs.equals(StandardCharsets.US_ASCII)) return cs;
            }
        }
        return StandardCharsets.UTF_8;
    }

    static String name(ZipArchiveEntry entry, Charset unflagged) {
        if (entry.getGeneralPurposeBit().usesUTF8ForNames()) {
            return new String(entry.getRawName(), StandardCharsets.UTF_8);
        }
        return new String(entry.getRawName(), unflagged);
    }

    private static List<Map<String, Object>> describe(List<ZipArchiveEntry> entries, Charset names) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ZipArchiveEntry entry : entries.subList(0, Math.min(entries.size(), LISTED_IN_FACTS))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name(entry, names));
            m.put("size", entry.getSize());
            m.put("compressedSize", entry.getCompressedSize());
            if (entry.isDirectory()) m.put("directory", true);
            if (entry.getGeneralPurposeBit().usesEncryption()) m.put("encrypted", true);
            list.add(m);
        }
        return list;
    }
}
