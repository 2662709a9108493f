package dev.prefilter.review;

/** What went wrong, with the exit code the command ends with (documented in {@code --help} and README). */
public enum ReviewError {
    /** No record has this id, or an id prefix names more than one. */
    UNKNOWN_ID(10),
    /** The record's state does not allow the action (a deleted mail cannot be released). */
    NOT_ALLOWED(11),
    /** Someone else made the change first; the message says who and when. */
    LOST_RACE(12),
    /** AWS refused a call; the message names the IAM action that is missing. */
    ACCESS_DENIED(13),
    /** S3, SQS or another endpoint could not be reached. */
    UNREACHABLE(14),
    /** Anything else that failed (a bad answer from a service, a broken record). */
    FAILED(3),
    /** Wrong options or arguments. */
    USAGE(64);

    private final int exitCode;

    ReviewError(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
