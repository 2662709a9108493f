package dev.prefilter.cli;

import dev.prefilter.engine.model.Verdict;

/** Process exit codes; documented in {@code --help} and README. */
final class ExitCodes {

    static final int CLEAN = 0;
    static final int SUSPICIOUS = 1;
    static final int MALICIOUS = 2;
    /** An input could not be read (missing file, permission), or the command failed. */
    static final int ERROR = 3;
    /** Wrong options or arguments. */
    static final int USAGE = 64;

    private ExitCodes() {}

    static int of(Verdict verdict) {
        return switch (verdict) {
            case CLEAN -> CLEAN;
            case SUSPICIOUS -> SUSPICIOUS;
            case MALICIOUS -> MALICIOUS;
        };
    }
}
