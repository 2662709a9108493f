package dev.prefilter.engine.container;

import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;

/** The findings every container analyzer reports in the same words. */
public final class ContainerFindings {

    private ContainerFindings() {}

    /** Content the engine cannot open: the policy keeps the verdict at least suspicious. */
    public static Finding.Builder unsupported(String description) {
        return Finding.of("archive.unsupported", Severity.HIGH, description);
    }

    public static Finding.Builder encryptedUnopened(String description) {
        return Finding.of("archive.encrypted-unopened", Severity.HIGH, description);
    }

    /** Malformed structure: {@code parse.<kind>} with the reader's message. */
    public static Finding malformed(String kind, String what, ContainerFormatException e) {
        return Finding.of("parse." + kind, Severity.HIGH, what + ": the rest of it was not inspected")
                .with("error", Evidence.text(e.getMessage()))
                .build();
    }

    /** A structural problem after which the reader carried on. */
    public static Finding problem(String kind, String description, String detail) {
        return Finding.of("parse." + kind, Severity.HIGH, description)
                .with("error", Evidence.text(detail))
                .build();
    }
}
