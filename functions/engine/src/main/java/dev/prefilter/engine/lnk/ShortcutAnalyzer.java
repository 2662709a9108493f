package dev.prefilter.engine.lnk;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.content.Content;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Windows shortcuts: parses the structure, records {@code facts.lnk}, reports what the shortcut
 * would run, and hands any bytes after its terminal block back to the engine as an appended child.
 */
public final class ShortcutAnalyzer implements Analyzer {

    public static final String SHORTCUT_TYPE = "application/x-ms-shortcut";

    /**
     * The most of a node read as shortcut structure. The format's own fields allow about 800 KiB
     * (a 64 KiB ID list, five 64 Ki-character strings); what lies beyond the terminal block is
     * streamed to the appended child, never loaded.
     */
    static final int MAX_STRUCTURE_BYTES = 2 << 20;

    private final ShortcutParser parser = new ShortcutParser();
    private final ShortcutChecks checks = new ShortcutChecks(CommandRules.standard());

    @Override
    public String name() {
        return "lnk";
    }

    /**
     * By content, or by extension because Windows opens any {@code .lnk} as a shortcut and a broken
     * one still says something.
     */
    @Override
    public boolean accepts(NodeInfo node) {
        String detected = node.detectedType();
        return detected != null && (detected.equals(SHORTCUT_TYPE) || detected.startsWith(SHORTCUT_TYPE + ";"))
                || "lnk".equals(node.extension());
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        ctx.checkTime();
        Content content = ctx.content();
        int window = (int) Math.min(content.size(), MAX_STRUCTURE_BYTES);
        byte[] bytes =
                content.size() <= MAX_STRUCTURE_BYTES ? content.readAll(MAX_STRUCTURE_BYTES) : content.head(window);
        Shortcut shortcut = parser.parse(bytes, window);
        if (!shortcut.complete() && content.size() > window) {
            shortcut = shortcut.withProblem(new ParseProblem(
                    "extraData",
                    window,
                    "the structure continues past the " + MAX_STRUCTURE_BYTES
                            + "-byte parse bound; the rest was not read"));
        }
        AppendedData appended = null;
        if (shortcut.complete() && shortcut.structureEnd() < content.size()) {
            ctx.checkTime();
            appended = handOver(ctx, shortcut.structureEnd());
        }
        ShortcutFacts facts = ShortcutFacts.of(shortcut, appended);
        ctx.fact("lnk", facts);
        checks.check(shortcut, facts).forEach(ctx::report);
    }

    /** Streams the appended bytes to a child and hashes all of them, even when a limit stops the child short. */
    private static AppendedData handOver(AnalysisContext ctx, long offset) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = ctx.content().openStream()) {
            in.skipNBytes(offset);
            DigestInputStream digesting = new DigestInputStream(in, sha256);
            ctx.child(ChildSpec.labelled("appended data", Origin.APPENDED).withFact("offset", offset), digesting);
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return new AppendedData(
                offset, ctx.content().size() - offset, HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
