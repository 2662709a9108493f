package dev.prefilter.engine.office.dde;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Word field instructions: which are DDE fields, and what a {@code QUOTE} field evaluates to. */
public final class FieldInstructions {

    private static final Pattern DDE =
            Pattern.compile("^\\s*\\\\?(DDEAUTO|DDE)(?=[\\s\"\\\\]|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTE_CODES =
            Pattern.compile("^\\s*QUOTE((?:\\s+\\d{1,5})+)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_QUOTE_CHARS = 4096;

    private FieldInstructions() {}

    /** {@code DDE} or {@code DDEAUTO} when the instruction is a DDE field, else null. */
    public static String ddeKeyword(String instruction) {
        Matcher m = DDE.matcher(instruction);
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }

    /**
     * What a nested field contributes to the field around it. {@code QUOTE 68 68 69} yields
     * "DDE" (the character-code trick that hides DDE from keyword scanners); other fields yield
     * their displayed result.
     */
    public static String value(String instruction, String result) {
        Matcher m = QUOTE_CODES.matcher(instruction);
        if (!m.matches()) {
            return result;
        }
        StringBuilder out = new StringBuilder();
        for (String code : m.group(1).trim().split("\\s+")) {
            if (out.length() >= MAX_QUOTE_CHARS) {
                break;
            }
            int c = Integer.parseInt(code);
            if (c > 0 && c < 0xD800) {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
