package dev.prefilter.engine.office.vba;

/** MacroRaptor's three flags: auto-run (A), writes (W), executes (X). */
public record MacroFlags(boolean autoExec, boolean write, boolean execute) {

    public static final MacroFlags NONE = new MacroFlags(false, false, false);

    public MacroFlags with(String flag) {
        if (flag == null) return this;
        return switch (flag) {
            case "A" -> new MacroFlags(true, write, execute);
            case "W" -> new MacroFlags(autoExec, true, execute);
            case "X" -> new MacroFlags(autoExec, write, true);
            default -> this;
        };
    }

    /** The core rule: runs by itself and writes or executes. */
    public boolean suspicious() {
        return autoExec && (write || execute);
    }

    /** MacroRaptor's display, e.g. {@code A-X}. */
    public String label() {
        return (autoExec ? "A" : "-") + (write ? "W" : "-") + (execute ? "X" : "-");
    }
}
