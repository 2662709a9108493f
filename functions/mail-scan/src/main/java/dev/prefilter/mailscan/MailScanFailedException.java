package dev.prefilter.mailscan;

/** Fails a direct invocation so that Lambda retries the event and, in the end, dead-letters it. */
public final class MailScanFailedException extends RuntimeException {

    public MailScanFailedException(String message) {
        super(message);
    }
}
