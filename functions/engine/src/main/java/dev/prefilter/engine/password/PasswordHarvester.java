package dev.prefilter.engine.password;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds passwords written in mail text: "パスワード：1234", "Password: abc123", "PW「xyz」",
 * "Passwort ist 'geheim'", a keyword line followed by the password on its own line.
 */
public final class PasswordHarvester {

    /** Keywords in the languages of the mail this product sees most; Latin ones as whole words. */
    private static final Pattern KEYWORD =
            Pattern.compile("(?iu)(?:\\b(?:password|passwd|passcode|pass\\s*word|pwd|pw|pass"
                    + "|kennwort|passwort|mot\\s+de\\s+passe|mdp|contrase(?:ñ|n)a"
                    + "|clave|senha|wachtwoord|hasło|haslo|parola|пароль)\\b"
                    + "|解凍パスワード|パスワード|ﾊﾟｽﾜｰﾄﾞ|暗証番号|パス|密码|密碼|口令|비밀번호|암호)");

    /** What may sit between the keyword and the value: "is", "ist", "は", colons, arrows. */
    private static final Pattern SEPARATOR = Pattern.compile(
            "(?iu)^[\\s]*(?:\\((?:[^)]{0,20})\\))?[\\s]*(?:for\\s+the\\s+\\S+\\s+|(?:zum|du|de|del|для)\\s+\\S+\\s+)?"
                    + "(?:is|ist|est|es|is:|:|：|=|＝|-|－|→|⇒|>|＞|は|が|です|：|\\s)*[\\s]*");

    private static final Pattern QUOTED =
            Pattern.compile("[\"“”']([^\"“”'\\s]{1,64})[\"“”']|[「『【《〈\\[(（]([^」』】》〉\\])）]{1,64})[」』】》〉\\])）]");
    private static final Pattern TOKEN = Pattern.compile("^([^\\s]{1,64})");
    private static final Pattern TRAILING_PUNCT = Pattern.compile("[。、．，,.;；!！?？)）」』】]+$");
    private static final Pattern BEFORE_KEYWORD = Pattern.compile("(?iu)(\\S{3,64})\\s+is\\s+the\\s+password");
    private static final Set<String> STOP_WORDS = Set.of(
            "is",
            "ist",
            "est",
            "the",
            "for",
            "to",
            "of",
            "below",
            "follows",
            "以下",
            "下記",
            "別途",
            "別メール",
            "後ほど",
            "です",
            "protected",
            "geschützt",
            "required",
            "reset",
            "expired",
            "will",
            "sent",
            "separately");

    public List<PasswordCandidate> harvest(String text, String where) {
        List<PasswordCandidate> found = new ArrayList<>();
        if (text == null || text.isEmpty()) return found;
        String[] lines = text.split("\\r?\\n|\\r");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher keyword = KEYWORD.matcher(line);
            while (keyword.find()) {
                String source = where + ", line " + (i + 1) + ", after '" + keyword.group() + "'";
                String rest = line.substring(keyword.end());
                for (String v : valuesAfter(rest)) {
                    addWithVariants(found, v, source);
                }
                // "パスワードは以下の通りです。" / "Password:" with the value on a line of its own
                String next = nextNonEmpty(lines, i + 1);
                if (next != null && next.strip().indexOf(' ') < 0) {
                    String nextSource =
                            where + ", line " + (i + 2 + skipped(lines, i + 1)) + ", below '" + keyword.group() + "'";
                    for (String v : valuesOfOwnLine(next)) {
                        addWithVariants(found, v, nextSource);
                    }
                }
            }
            Matcher before = BEFORE_KEYWORD.matcher(line);
            while (before.find()) {
                addWithVariants(
                        found, clean(before.group(1)), where + ", line " + (i + 1) + ", before 'is the password'");
            }
        }
        return found;
    }

    private static Set<String> valuesAfter(String rest) {
        Set<String> values = new LinkedHashSet<>();
        Matcher quoted = QUOTED.matcher(rest);
        if (quoted.find() && quoted.start() <= 24) {
            values.add(quoted.group(1) != null ? quoted.group(1) : quoted.group(2));
        }
        Matcher sep = SEPARATOR.matcher(rest);
        String afterSep = sep.lookingAt() ? rest.substring(sep.end()) : rest;
        Matcher token = TOKEN.matcher(afterSep);
        if (token.find()) {
            addToken(values, token.group(1));
        }
        return values;
    }

    /**
     * "Password1!" may end in punctuation that belongs to it, or to the sentence: try the cleaned form
     * first, then as written.
     */
    private static void addToken(Set<String> values, String raw) {
        String cleaned = clean(raw);
        if (acceptable(cleaned)) values.add(cleaned);
        if (!cleaned.equals(raw) && acceptable(raw)) values.add(raw);
    }

    private static Set<String> valuesOfOwnLine(String line) {
        Set<String> values = new LinkedHashSet<>();
        String trimmed = line.strip();
        Matcher quoted = QUOTED.matcher(trimmed);
        if (quoted.find()) {
            values.add(quoted.group(1) != null ? quoted.group(1) : quoted.group(2));
        }
        Matcher sep = SEPARATOR.matcher(trimmed);
        String afterSep = sep.lookingAt() ? trimmed.substring(sep.end()) : trimmed;
        Matcher token = TOKEN.matcher(afterSep);
        if (token.find()) {
            addToken(values, token.group(1));
        }
        return values;
    }

    private static String nextNonEmpty(String[] lines, int from) {
        for (int j = from; j < lines.length && j < from + 3; j++) {
            if (!lines[j].isBlank()) return lines[j];
        }
        return null;
    }

    private static int skipped(String[] lines, int from) {
        int n = 0;
        while (from + n < lines.length && lines[from + n].isBlank()) n++;
        return n;
    }

    private static String clean(String value) {
        return TRAILING_PUNCT.matcher(value).replaceAll("");
    }

    private static boolean acceptable(String value) {
        if (value.isEmpty() || value.length() > 64) return false;
        return !STOP_WORDS.contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    /** Full-width "１２３４" in Japanese mail means the ASCII password "1234". */
    private static void addWithVariants(List<PasswordCandidate> found, String value, String source) {
        if (value == null || value.isEmpty()) return;
        found.add(new PasswordCandidate(value, source));
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC);
        if (!folded.equals(value)) {
            found.add(new PasswordCandidate(folded, source + " (full-width folded)"));
        }
    }
}
