package dev.prefilter.mailscan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Where the mails are: opens one version of a stored mail and tags it with its verdict. */
public interface MailSource {

    /**
     * Opens the mail's bytes, at most {@code maxBytes} of them (the rest is never transferred).
     *
     * @throws MailGoneException when the object or version no longer exists
     */
    InputStream open(S3ObjectRef mail, long maxBytes) throws IOException;

    /** Sets these tags on the mail's version, keeping tags that others set. */
    void tag(S3ObjectRef mail, Map<String, String> tags);
}
