package dev.prefilter.engine.onenote;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * OneNote sections: every embedded file sits in a FileDataStoreObject that starts with a fixed
 * GUID, then its length; the files go back to the engine (the 2023 pattern: a .hta or .bat
 * behind a fake "double-click to view" button).
 */
public final class OneNoteAnalyzer implements Analyzer {

    /** {BDE316E7-2665-4511-A4C4-8D4D0B7A9EAC} as stored (little-endian fields). */
    private static final byte[] FILE_DATA_GUID = {
        (byte) 0xE7,
        0x16,
        (byte) 0xE3,
        (byte) 0xBD,
        0x65,
        0x26,
        0x11,
        0x45,
        (byte) 0xA4,
        (byte) 0xC4,
        (byte) 0x8D,
        0x4D,
        0x0B,
        0x7A,
        (byte) 0x9E,
        (byte) 0xAC
    };

    private static final int HEADER = 16 + 8 + 4 + 8;

    @Override
    public String name() {
        return "onenote";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return node.detectedType().startsWith("application/onenote");
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        byte[] data = ctx.content().readAll(ctx.limits().maxInMemoryParse());
        int count = 0;
        for (int at = indexOf(data, 0); at >= 0; at = indexOf(data, at + 16)) {
            ctx.checkTime();
            if (at + HEADER > data.length) break;
            long length = Bytes.u64le(data, at + 16);
            if (length < 0 || length > data.length - (long) (at + HEADER)) {
                ctx.report(Finding.of(
                                "parse.onenote",
                                Severity.HIGH,
                                "an embedded file's length runs past the end of the section")
                        .with("offset", at)
                        .with("length", length)
                        .build());
                continue;
            }
            count++;
            ChildSpec spec = ChildSpec.labelled("onenote embedded file " + count, Origin.EMBEDDED)
                    .withFact("offset", at);
            if (!ctx.child(spec, new ByteArrayInputStream(data, at + HEADER, (int) length))) break;
            at += HEADER + (int) length - 16;
        }
        ctx.fact("embeddedFiles", count);
        if (count > 0) {
            ctx.report(
                    Finding.of("onenote.embedded-files", Severity.MEDIUM, "the OneNote section carries embedded files")
                            .with("count", count)
                            .build());
        }
    }

    private static int indexOf(byte[] data, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - FILE_DATA_GUID.length; i++) {
            for (int j = 0; j < FILE_DATA_GUID.length; j++) {
                if (data[i + j] != FILE_DATA_GUID[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
