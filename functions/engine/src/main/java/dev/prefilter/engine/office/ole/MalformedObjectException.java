package dev.prefilter.engine.office.ole;

/** An embedded object's bytes do not follow the structure they claim; what was read is kept by the caller. */
public final class MalformedObjectException extends Exception {

    public MalformedObjectException(String message) {
        super(message);
    }
}
