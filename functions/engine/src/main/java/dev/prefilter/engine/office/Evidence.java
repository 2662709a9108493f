package dev.prefilter.engine.office;

/** Text from a document made safe and short for a report: control characters escaped, long values cut. */
public final class Evidence {

    public static final int DEFAULT_MAX = 300;

    private Evidence() {
    }

    public static String text(String value) {
        return text(value, DEFAULT_MAX);
    }

    public static String text(String value, int max) {
        if (value == null) return null;
        StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 16);
        int shown = 0;
        for (int i = 0; i < value.length() && shown < max; i++, shown++) {
            char c = value.charAt(i);
            if (c == '\t') {
                out.append(' ');
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > max) {
            out.append("…(+").append(value.length() - max).append(" chars)");
        }
        return out.toString();
    }
}
