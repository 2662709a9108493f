package dev.prefilter.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One observation about one node. {@code code} is the stable key (policy, metrics, tests);
 * {@code description} is for people and may change.
 */
@JsonPropertyOrder({"code", "severity", "path", "description", "evidence"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Finding(String code, Severity severity, String path, String description, Map<String, Object> evidence) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)+");

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("finding code must be dotted lower-case words: " + code);
        }
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public Finding atPath(String newPath) {
        return new Finding(code, severity, newPath, description, evidence);
    }

    public static Builder of(String code, Severity severity, String description) {
        return new Builder(code, severity, description);
    }

    /** Collects evidence in insertion order; null values are left out. */
    public static final class Builder {
        private final String code;
        private final Severity severity;
        private final String description;
        private final Map<String, Object> evidence = new LinkedHashMap<>();

        private Builder(String code, Severity severity, String description) {
            this.code = code;
            this.severity = severity;
            this.description = description;
        }

        public Builder with(String key, Object value) {
            if (value != null) {
                evidence.put(key, value);
            }
            return this;
        }

        /** Records why a parser gave up, under {@code error}. */
        public Builder withError(Throwable e) {
            return with("error", Evidence.error(e));
        }

        public Finding build() {
            return new Finding(code, severity, null, description, evidence);
        }
    }
}
