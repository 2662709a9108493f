package dev.prefilter.engine.lnk;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Custom jump lists ({@code .customDestinations-ms}): a list of shortcuts, each after the shell
 * link class id. Each shortcut goes back to the engine as an embedded child, cut at its own
 * terminal block, so the shortcut analyzer looks at it like any other.
 */
public final class JumpListAnalyzer implements Analyzer {

    static final int MAX_BYTES = 8 << 20;
    static final int MAX_ENTRIES = 512;

    /** HeaderSize 0x4C and the shell link CLSID, the first 20 bytes of every shortcut. */
    private static final byte[] SHORTCUT_START = {
        0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46
    };

    private final ShortcutParser parser = new ShortcutParser();

    @Override
    public String name() {
        return "jumplist";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return "customdestinations-ms".equals(node.extension());
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        int length = (int) Math.min(ctx.content().size(), MAX_BYTES);
        byte[] bytes = ctx.content().size() <= MAX_BYTES
                ? ctx.content().readAll(MAX_BYTES)
                : ctx.content().head(length);
        if (ctx.content().size() > MAX_BYTES) {
            ctx.report(Finding.of(
                            "parse.jumplist",
                            Severity.HIGH,
                            "the jump list is larger than " + MAX_BYTES + " bytes; only its start was read")
                    .with("size", ctx.content().size())
                    .build());
        }
        ByteSpan file = ByteSpan.of(bytes, length);
        int entries = 0;
        int start = file.indexOf(SHORTCUT_START, 0);
        while (start >= 0 && entries < MAX_ENTRIES) {
            ctx.checkTime();
            int next = file.indexOf(SHORTCUT_START, start + SHORTCUT_START.length);
            int limit = (next < 0 ? length : next) - start;
            Shortcut shortcut = parser.parse(bytes, start, limit);
            int size = shortcut.complete() ? (int) shortcut.structureEnd() : limit;
            entries++;
            if (!ctx.child(
                    ChildSpec.labelled("jump list entry " + entries, Origin.EMBEDDED)
                            .withFact("offset", start),
                    new ByteArrayInputStream(bytes, start, size))) {
                break;
            }
            start = next;
        }
        ctx.fact("jumpList", Map.of("entries", entries));
    }
}
