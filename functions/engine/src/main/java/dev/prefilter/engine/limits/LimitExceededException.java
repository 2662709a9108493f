package dev.prefilter.engine.limits;

/** Thrown inside a scan when a scan-wide limit stops all further work. */
public final class LimitExceededException extends RuntimeException {

    private final String code;

    public LimitExceededException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The finding code, e.g. {@code limit.time}. */
    public String code() {
        return code;
    }
}
