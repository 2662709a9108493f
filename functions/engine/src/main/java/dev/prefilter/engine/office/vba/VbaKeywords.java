package dev.prefilter.engine.office.vba;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The keyword categories of {@code vba-keywords.json}, each compiled once into one pattern.
 * Immutable and shared by every scan.
 */
public final class VbaKeywords {

    /** A generic word that counts only on a line matching {@code line}, in a module matching {@code requires}. */
    public record Combination(String keyword, Pattern line, Pattern requires) {}

    /**
     * @param flag MacroRaptor flag: A, W, X, or null
     * @param pattern every keyword and pattern of the category as whole words
     * @param compiledPattern the distinctive keywords (5 characters or more) without a trailing boundary, for p-code
     *     identifier tables where a name is followed by binary bytes; null when the category is not compared
     */
    public record Category(
            String name,
            String flag,
            Severity severity,
            String description,
            Pattern pattern,
            List<Combination> combinations,
            Pattern compiledPattern) {}

    public record DecoderSettings(
            int minHexDigits, int minBase64Chars, double minPrintableRatio, int maxDecodedChars, int maxDepth) {}

    private static final VbaKeywords STANDARD = load("vba-keywords.json");

    private final List<Category> categories;
    private final DecoderSettings decoders;

    private VbaKeywords(List<Category> categories, DecoderSettings decoders) {
        this.categories = List.copyOf(categories);
        this.decoders = decoders;
    }

    public static VbaKeywords standard() {
        return STANDARD;
    }

    public List<Category> categories() {
        return categories;
    }

    public DecoderSettings decoders() {
        return decoders;
    }

    static VbaKeywords load(String resource) {
        try (InputStream in = VbaKeywords.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            JsonNode root = new ObjectMapper().readTree(in);
            List<Category> categories = new ArrayList<>();
            for (JsonNode c : root.path("categories")) {
                List<String> keywords = new ArrayList<>();
                c.path("keywords").forEach(k -> keywords.add(k.asText()));
                List<String> patterns = new ArrayList<>();
                c.path("patterns").forEach(p -> patterns.add(p.asText()));
                List<Combination> combos = new ArrayList<>();
                for (JsonNode combo : c.path("combinations")) {
                    combos.add(new Combination(
                            combo.path("keyword").asText(),
                            Pattern.compile(combo.path("line").asText(), Pattern.CASE_INSENSITIVE),
                            combo.hasNonNull("requires")
                                    ? Pattern.compile(combo.path("requires").asText(), Pattern.CASE_INSENSITIVE)
                                    : null));
                }
                String flag = c.hasNonNull("flag") ? c.path("flag").asText() : null;
                Pattern compiled = c.path("stomping").asBoolean(false) ? compiledPattern(keywords, patterns) : null;
                categories.add(new Category(
                        c.path("name").asText(),
                        flag,
                        Severity.parse(c.path("severity").asText("low")),
                        c.path("description").asText(),
                        wholeWords(keywords, patterns),
                        combos,
                        compiled));
            }
            JsonNode d = root.path("obfuscationDecoders");
            DecoderSettings decoders = new DecoderSettings(
                    d.path("minHexDigits").asInt(8),
                    d.path("minBase64Chars").asInt(16),
                    d.path("minPrintableRatio").asDouble(0.85),
                    d.path("maxDecodedChars").asInt(65536),
                    d.path("maxDepth").asInt(3));
            return new VbaKeywords(categories, decoders);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * One alternation, longest keywords first so that {@code WScript.Shell} wins over {@code Shell} at
     * the same place.
     */
    private static Pattern wholeWords(List<String> keywords, List<String> patterns) {
        List<String> alternatives = keywords.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(VbaKeywords::bounded)
                .collect(Collectors.toCollection(ArrayList::new));
        patterns.forEach(p -> alternatives.add("(?<![\\w$])(?:" + p + ")(?![\\w$])"));
        return Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE);
    }

    private static String bounded(String keyword) {
        String quoted = Pattern.quote(keyword);
        String before = isWord(keyword.charAt(0)) ? "(?<![\\w$])" : "";
        String after = isWord(keyword.charAt(keyword.length() - 1)) ? "(?![\\w$])" : "(?![\\w])";
        return before + quoted + after;
    }

    private static Pattern compiledPattern(List<String> keywords, List<String> patterns) {
        List<String> alternatives = keywords.stream()
                .filter(k -> k.length() >= 5)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(k -> (isWord(k.charAt(0)) ? "(?<![A-Za-z0-9_])" : "") + Pattern.quote(k))
                .collect(Collectors.toCollection(ArrayList::new));
        patterns.forEach(p -> alternatives.add("(?<![A-Za-z0-9_])(?:" + p + ")"));
        return alternatives.isEmpty()
                ? null
                : Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE);
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
