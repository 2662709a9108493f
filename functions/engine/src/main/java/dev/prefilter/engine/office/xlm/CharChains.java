package dev.prefilter.engine.office.xlm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes formula text that builds a string from {@code CHAR(n)} calls and literals joined with {@code &}. */
final class CharChains {

    private static final Pattern PART = Pattern.compile("(?i)CHAR\\(\\s*(\\d{1,5})\\s*\\)|\"((?:[^\"]|\"\")*)\"");
    private static final Pattern CHAIN = Pattern.compile("(?i)(?:CHAR\\(\\s*\\d{1,5}\\s*\\)|\"(?:[^\"]|\"\")*\")"
            + "(?:\\s*&\\s*(?:CHAR\\(\\s*\\d{1,5}\\s*\\)|\"(?:[^\"]|\"\")*\"))+");

    private CharChains() {}

    /** The longest string that a CHAR chain in {@code formula} spells, or null when it has none. */
    static String decode(String formula) {
        String best = null;
        Matcher chain = CHAIN.matcher(formula);
        while (chain.find()) {
            StringBuilder value = new StringBuilder();
            int chars = 0;
            Matcher part = PART.matcher(chain.group());
            while (part.find()) {
                if (part.group(1) != null) {
                    int code = Integer.parseInt(part.group(1));
                    if (code <= 0 || code > 0xffff) continue;
                    value.append((char) code);
                    chars++;
                } else {
                    value.append(part.group(2).replace("\"\"", "\""));
                }
            }
            if (chars > 0 && (best == null || value.length() > best.length())) best = value.toString();
        }
        return best;
    }

    private static final Pattern CHAR_CALL = Pattern.compile("(?i)(?<![A-Za-z0-9_.])CHAR\\(");

    static int count(String formula) {
        Matcher m = CHAR_CALL.matcher(formula);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
