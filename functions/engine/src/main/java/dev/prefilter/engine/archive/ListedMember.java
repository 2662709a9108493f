package dev.prefilter.engine.archive;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.Origin;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A member known only by name (its container is locked or cannot be unpacked). It still becomes
 * a node, with no content, so that its name is inspected and typed: a locked zip holding
 * {@code invoice.pdf.exe} says a lot.
 */
public final class ListedMember {

    private ListedMember() {}

    public static boolean add(AnalysisContext ctx, String name, long size, boolean encrypted) throws IOException {
        ChildSpec spec = ChildSpec.named(name, Origin.ARCHIVE_MEMBER)
                .withFact("listedOnly", true)
                .withFact("listedSize", size >= 0 ? size : null)
                .withFact("encrypted", encrypted);
        return ctx.child(spec, new ByteArrayInputStream(new byte[0]));
    }
}
