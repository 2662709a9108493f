package dev.prefilter.cli;

import java.io.PrintWriter;

/** A one-line progress indicator on stderr, only for several inputs on an interactive terminal. */
final class Progress {

    private final int total;
    private final PrintWriter err;
    private final boolean active;

    private Progress(int total, PrintWriter err, boolean active) {
        this.total = total;
        this.err = err;
        this.active = active;
    }

    static Progress forInputs(int total, PrintWriter err) {
        boolean interactive =
                System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
        return new Progress(total, err, interactive && total > 1);
    }

    void update(int index, String label) {
        if (!active) return;
        int width = 30;
        int filled = (int) ((long) width * index / Math.max(1, total));
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        String shown = Terminal.escape(label);
        if (shown.length() > 50) shown = "…" + shown.substring(shown.length() - 49);
        err.print("\r[" + bar + "] " + index + "/" + total + " " + shown + "\u001b[K");
        err.flush();
    }

    void done() {
        if (!active) return;
        err.print("\r\u001b[K");
        err.flush();
    }
}
