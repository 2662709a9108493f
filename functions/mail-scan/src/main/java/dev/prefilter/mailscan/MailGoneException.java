package dev.prefilter.mailscan;

import java.io.IOException;

/** The notified object (or version) was deleted before it could be read: there is nothing to judge. */
public final class MailGoneException extends IOException {

    public MailGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
