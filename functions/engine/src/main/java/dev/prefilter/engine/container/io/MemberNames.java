package dev.prefilter.engine.container.io;

/** Member paths as the engine shows them: forward slashes, no control characters, never empty. */
public final class MemberNames {

    private static final int MAX_LENGTH = 1024;

    private MemberNames() {}

    public static String clean(String path) {
        StringBuilder s = new StringBuilder(Math.min(path.length(), MAX_LENGTH));
        for (int i = 0; i < path.length() && s.length() < MAX_LENGTH; i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                s.append('/');
            } else if (c < 0x20 || c == 0x7f) {
                // control characters would break display lines and terminals; bidi and blank
                // characters stay, because the name inspector must see them
                s.append('\uFFFD');
            } else {
                s.append(c);
            }
        }
        String cleaned = s.toString();
        while (cleaned.startsWith("/")) {
            cleaned = cleaned.substring(1);
        }
        return cleaned.isEmpty() ? "(unnamed)" : cleaned;
    }

    /** Joins a directory path and an entry name. */
    public static String join(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }
}
