package dev.prefilter.engine;

import dev.prefilter.engine.sample.SampleSink;
import dev.prefilter.engine.score.AllowList;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One thing to scan.
 *
 * @param input how the report names the input (a path, an {@code s3://} URL)
 * @param rootName file name of the root node, e.g. {@code mail.eml}
 * @param kind whether the input is known to be a mail or should be typed like any file
 * @param passwords extra passwords an operator supplied for this scan
 * @param timeBudget a tighter time budget for this scan than the engine's limit (a caller's own
 *     deadline, such as a Lambda invocation's remaining time), or null for the limit alone
 * @param sampleSink where the bytes of flagged nodes go, or null to keep none
 * @param allowList attachment hashes whose findings count for nothing (kept in the report as info)
 */
public record ScanRequest(
        String input,
        String rootName,
        Kind kind,
        Source source,
        List<String> passwords,
        Duration timeBudget,
        SampleSink sampleSink,
        AllowList allowList) {

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
        allowList = allowList == null ? AllowList.NONE : allowList;
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new IllegalArgumentException("timeBudget must be positive, was " + timeBudget);
        }
    }

    public ScanRequest(String input, String rootName, Kind kind, Source source, List<String> passwords) {
        this(input, rootName, kind, source, passwords, null, null, null);
    }

    public static ScanRequest mail(String input, String rootName, Source source) {
        return new ScanRequest(input, rootName, Kind.MAIL, source, List.of());
    }

    public static ScanRequest file(String input, String rootName, Source source) {
        return new ScanRequest(input, rootName, Kind.AUTO, source, List.of());
    }

    public ScanRequest withPasswords(List<String> extra) {
        return new ScanRequest(input, rootName, kind, source, extra, timeBudget, sampleSink, allowList);
    }

    /** Caps this scan's time at {@code budget}; the engine's own limit still applies when it is tighter. */
    public ScanRequest withTimeBudget(Duration budget) {
        return new ScanRequest(input, rootName, kind, source, passwords, budget, sampleSink, allowList);
    }

    public ScanRequest withSampleSink(SampleSink sink) {
        return new ScanRequest(input, rootName, kind, source, passwords, timeBudget, sink, allowList);
    }

    public ScanRequest withAllowList(AllowList list) {
        return new ScanRequest(input, rootName, kind, source, passwords, timeBudget, sampleSink, list);
    }
}
