package dev.prefilter.engine.model;

/**
 * Makes text taken from a document safe and short enough to be evidence: control characters
 * become {@code \\uXXXX} escapes (so a value cannot break a report line or a log line) and long
 * values are cut with a marker.
 */
public final class Evidence {

    /** Longest evidence value kept, in characters. */
    public static final int MAX_CHARS = 300;

    private Evidence() {}

    /** An exception as evidence: its class and message, made safe like any other value. */
    public static String error(Throwable e) {
        String message = e.getMessage();
        return text(e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    public static String text(String value) {
        return text(value, MAX_CHARS);
    }

    public static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 16);
        for (int i = 0; i < value.length(); i++) {
            if (out.length() >= max) {
                out.append("…[").append(value.length()).append(" chars]");
                break;
            }
            char c = value.charAt(i);
            if (c < 0x20
                    || c == 0x7f
                    || (c >= 0x80 && c < 0xa0)
                    || c == 0x2028
                    || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
