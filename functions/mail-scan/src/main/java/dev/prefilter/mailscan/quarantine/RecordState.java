package dev.prefilter.mailscan.quarantine;

import java.util.Locale;

/** Where a quarantined mail stands. Held mails are unreadable for everyone but the function and administrators. */
public enum RecordState {
    HELD,
    RELEASED,
    DELETED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordState parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
