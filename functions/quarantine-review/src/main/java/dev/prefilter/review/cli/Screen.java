package dev.prefilter.review.cli;

import dev.prefilter.engine.model.Evidence;

/**
 * Text from mails (subjects, names, command lines) printed safely: control characters and
 * bidirectional overrides escaped (they could rewrite the terminal or reorder what is shown),
 * long values cut, through the engine's one sanitiser.
 */
final class Screen {

    private Screen() {}

    static String text(String value, int max) {
        if (value == null) {
            return "-";
        }
        return Evidence.text(value, max);
    }

    /** A table cell: escaped, then cut or padded to exactly {@code width} characters. */
    static String cell(String value, int width) {
        String v = text(value, width * 2);
        if (v.length() > width) {
            v = v.substring(0, width - 1) + "…";
        }
        return String.format("%-" + width + "s", v);
    }
}
