package dev.prefilter.engine.container;

/** Keeps evidence short: it ends up in reports and queue messages. */
public final class Evidence {

    private static final int MAX = 300;

    private Evidence() {}

    public static String cut(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= MAX ? value : value.substring(0, MAX) + "…(+" + (value.length() - MAX) + " chars)";
    }
}
