package dev.prefilter.cli;

/** Terminal-safe text: names from mails may carry escape sequences and bidi controls. */
final class Terminal {

    private Terminal() {}

    static boolean colour(String when) {
        return switch (when) {
            case "always" -> true;
            case "never" -> false;
            default ->
                System.getenv("NO_COLOR") == null && System.console() != null && !"dumb".equals(System.getenv("TERM"));
        };
    }

    /** Control, bidi and other invisible characters become {@code <U+XXXX>}, so what is shown is what is there. */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp < 0x20
                    || (cp >= 0x7F && cp < 0xA0)
                    || (cp >= 0x200B && cp <= 0x200F)
                    || (cp >= 0x202A && cp <= 0x202E)
                    || (cp >= 0x2066 && cp <= 0x2069)
                    || cp == 0xFEFF
                    || cp == 0x061C) {
                sb.append(String.format("<U+%04X>", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
