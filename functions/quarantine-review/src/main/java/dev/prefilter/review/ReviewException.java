package dev.prefilter.review;

/** A failure the administrator can act on: its kind decides the exit code, its message says what and where. */
public final class ReviewException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ReviewError error;

    public ReviewException(ReviewError error, String message) {
        super(message);
        this.error = error;
    }

    public ReviewException(ReviewError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public ReviewError error() {
        return error;
    }
}
