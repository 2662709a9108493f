package dev.prefilter.engine.office;

import java.io.IOException;

/** A document part expanded past the bound an analyzer reads into memory or parses. */
public final class PartTooLargeException extends IOException {

    private final long limit;

    public PartTooLargeException(String part, long limit) {
        super("part " + part + " is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
