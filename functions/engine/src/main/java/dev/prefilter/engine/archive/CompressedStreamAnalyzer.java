package dev.prefilter.engine.archive;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.detect.FileNames;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.MemoryLimitException;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Single-stream compressors (gzip, bzip2, xz, lzma, compress, lz4): one child, named as the sender
 * named it. Decoder state is bounded by {@link DecoderMemory}; the other formats have small fixed
 * windows (gzip 32 KiB, bzip2 900 KiB blocks, LZ4 4 MiB blocks).
 */
public final class CompressedStreamAnalyzer implements Analyzer {

    private static final Map<String, String> FORMATS = Map.of(
            "application/gzip", CompressorStreamFactory.GZIP,
            "application/x-gzip", CompressorStreamFactory.GZIP,
            "application/x-bzip2", CompressorStreamFactory.BZIP2,
            "application/x-bzip", CompressorStreamFactory.BZIP2,
            "application/x-xz", CompressorStreamFactory.XZ,
            "application/x-lzma", CompressorStreamFactory.LZMA,
            "application/x-compress", CompressorStreamFactory.Z,
            "application/x-lz4", CompressorStreamFactory.LZ4_FRAMED,
            "application/zstd", CompressorStreamFactory.ZSTANDARD);

    private static final Map<String, String> SHORT_SUFFIXES =
            Map.of("tgz", "tar", "tbz", "tar", "tbz2", "tar", "txz", "tar", "tlz", "tar");

    @Override
    public String name() {
        return "compressed-stream";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return FORMATS.containsKey(node.detectedType());
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        String format = FORMATS.get(ctx.node().detectedType());
        if (CompressorStreamFactory.Z.equals(format)) {
            int maxBits = DecoderMemory.compressMaxBits(ctx.content().head(3));
            if (maxBits > DecoderMemory.COMPRESS_MAX_BITS) {
                ctx.report(DecoderMemory.exceeded(format, maxBits));
                return;
            }
        }
        try (InputStream raw = new BufferedInputStream(ctx.content().openStream());
                InputStream in = open(format, raw)) {
            String name = innerName(ctx.node().name(), in);
            ChildSpec spec = ChildSpec.named(name, Origin.DECOMPRESSED)
                    .withCompressedSize(ctx.content().size());
            ctx.child(spec, in);
        } catch (CompressorException e) {
            MemoryLimitException limit = DecoderMemory.cause(e);
            if (limit != null) {
                ctx.report(DecoderMemory.exceeded(format, limit));
                return;
            }
            ctx.report(Finding.of(
                            "archive.unsupported",
                            Severity.HIGH,
                            "the " + format + " stream cannot be decompressed here; its content was not inspected")
                    .with("format", format)
                    .with("error", e.getMessage())
                    .build());
        } catch (IOException e) {
            MemoryLimitException limit = DecoderMemory.cause(e);
            if (limit != null) {
                ctx.report(DecoderMemory.exceeded(format, limit));
                return;
            }
            ctx.report(Finding.of(
                            "parse.compressed",
                            Severity.HIGH,
                            "the " + format + " stream could not be decompressed to its end")
                    .with("format", format)
                    .with("error", e.getMessage())
                    .build());
        }
    }

    private static InputStream open(String format, InputStream raw) throws CompressorException, IOException {
        if (CompressorStreamFactory.GZIP.equals(format)) {
            return GzipCompressorInputStream.builder()
                    .setInputStream(raw)
                    .setDecompressConcatenated(true)
                    .get();
        }
        // LZMA, XZ and .Z check the memory their header asks for against the limit before allocating it
        return new CompressorStreamFactory(true, DecoderMemory.LIMIT_KIB).createCompressorInputStream(format, raw);
    }

    private static String innerName(String outer, InputStream in) {
        if (in instanceof GzipCompressorInputStream gzip) {
            String stored = gzip.getMetaData().getFileName();
            if (stored != null && !stored.isBlank()) return FileNames.baseName(stored);
        }
        String base = FileNames.baseName(outer);
        String ext = FileNames.extension(base);
        String stem = FileNames.stem(base);
        String replacement = SHORT_SUFFIXES.get(ext.toLowerCase(Locale.ROOT));
        if (replacement != null) return stem + "." + replacement;
        return stem.isEmpty() ? base + ".out" : stem;
    }
}
