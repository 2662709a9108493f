package dev.prefilter.engine.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum Verdict {
    CLEAN,
    SUSPICIOUS,
    MALICIOUS;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public Verdict atLeast(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
