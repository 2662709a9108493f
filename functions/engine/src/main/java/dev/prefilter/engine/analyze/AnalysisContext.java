package dev.prefilter.engine.analyze;

import dev.prefilter.engine.content.Content;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.password.PasswordBook;
import java.io.IOException;
import java.io.InputStream;

/** What an analyzer may see and do while it looks at one node. */
public interface AnalysisContext {

    NodeInfo node();

    Content content();

    void report(Finding finding);

    default void report(String code, Severity severity, String description) {
        report(Finding.of(code, severity, description).build());
    }

    /** Adds a JSON-friendly value (string, number, boolean, list, map, record) under {@code facts}. */
    void fact(String key, Object value);

    /**
     * Hands a child back to the engine. Its bytes are spooled now (so a streaming analyzer may
     * move on) and analysed after this analyzer returns. Returns false when a limit refused the
     * child; the engine has then recorded the limit finding and the analyzer should stop adding.
     */
    boolean child(ChildSpec spec, InputStream data) throws IOException;

    /** Passwords to try on encrypted containers, in order, with where each came from. */
    PasswordBook passwords();

    ScanLimits limits();

    /** Throws {@link dev.prefilter.engine.limits.LimitExceededException} once the scan's time budget is spent. */
    void checkTime();
}
