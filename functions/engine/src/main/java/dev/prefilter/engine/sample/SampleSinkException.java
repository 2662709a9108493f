package dev.prefilter.engine.sample;

/**
 * A {@link SampleSink} could not take a sample. It leaves the scan (the only exception that
 * does) because the fault is the caller's storage, not the mail, and the caller should retry.
 */
public final class SampleSinkException extends RuntimeException {

    public SampleSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
