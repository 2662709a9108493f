package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;

/** The finding for members a reader could only name: their content was never inspected. */
final class ListedOnly {

    private ListedOnly() {}

    static void report(AnalysisContext context, MemberSink sink, String kind) {
        if (sink.listedOnly() > 0) {
            context.report(ContainerFindings.unsupported(sink.listedOnly() + " member(s) of this " + kind
                            + " could not be read and are listed by name only")
                    .with("listedOnly", sink.listedOnly())
                    .build());
        }
    }
}
