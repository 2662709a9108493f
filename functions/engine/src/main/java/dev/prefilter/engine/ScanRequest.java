package dev.prefilter.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * One thing to scan.
 *
 * @param input how the report names the input (a path, an {@code s3://} URL)
 * @param rootName file name of the root node, e.g. {@code mail.eml}
 * @param kind whether the input is known to be a mail or should be typed like any file
 * @param passwords extra passwords an operator supplied for this scan
 */
public record ScanRequest(String input, String rootName, Kind kind, Source source, List<String> passwords) {

    public enum Kind {
        /** A raw RFC 5322 message, whatever its first bytes look like (SES drops, .eml files). */
        MAIL,
        /** Anything: a mail is recognised by its content, other files are scanned as an attachment would be. */
        AUTO
    }

    /** Opens the input once; the engine spools it and closes the stream. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public ScanRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(rootName, "rootName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        passwords = passwords == null ? List.of() : List.copyOf(passwords);
    }

    public static ScanRequest mail(String input, String rootName, Source source) {
        return new ScanRequest(input, rootName, Kind.MAIL, source, List.of());
    }

    public static ScanRequest file(String input, String rootName, Source source) {
        return new ScanRequest(input, rootName, Kind.AUTO, source, List.of());
    }

    public ScanRequest withPasswords(List<String> extra) {
        return new ScanRequest(input, rootName, kind, source, extra);
    }
}
