package dev.prefilter.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prefilter.engine.office.links.TargetSchemes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The finding codes the engine can emit, read from its sources and data files rather than from
 * scans: string literals shaped like a code of a known family, the first arguments of
 * {@code Finding.of(…)} and {@code new Verdict(…)}, and the codes built at run time, each handled
 * by name in {@link #DYNAMIC} (container {@code parse.<kind>}, {@code vba.<keyword category>},
 * {@code ole.link-<scheme>}, the type-category, command-rule and XLM tables). With each code go
 * the severities the code gives it where the source or the data says so.
 */
final class EmittedFindingCodes {

    static final Pattern CODE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)+");
    private static final Pattern LITERAL = Pattern.compile("\"(" + CODE.pattern() + ")\"");
    private static final Pattern WITH_SEVERITY =
            Pattern.compile("\"(" + CODE.pattern() + ")\"\\s*,\\s*(?:[\\w.]*\\.)?Severity\\.([A-Z]+)\\b");
    private static final Pattern CODE_ARGUMENT = Pattern.compile("(?:Finding\\.of|new Verdict)\\(");
    private static final Pattern CONDITIONAL =
            Pattern.compile("\\w+\\s*\\?\\s*\"(" + CODE.pattern() + ")\"\\s*:\\s*\"(" + CODE.pattern() + ")\"");
    private static final Pattern PARSE_KIND =
            Pattern.compile("(?:new ProblemLog|ContainerFindings\\.(?:malformed|problem))\\(\\s*\"([a-z0-9-]+)\"");

    /**
     * Code expressions that are not literals, and where their codes come from. A new one fails
     * {@link #codeArgumentsOutsideTheKnownForms()} until it is handled here.
     */
    static final Set<String> DYNAMIC = Set.of(
            // the code is a parameter or a field: its values are literals elsewhere in the source
            "code",
            "e.code()",
            "cutBy",
            // the tables read below
            "match.category().code()",
            "v.code()",
            "\"vba.\" + category",
            // MacroScanFindings, once per macro language (MACRO_LANGUAGES)
            "prefix + \".\" + category",
            "prefix + \".ioc\"",
            "prefix + \".obfuscation\"",
            "\"parse.\" + kind",
            "\"ole.link-\" + exploit.scheme()",
            "\"ooxml.link-\" + exploit.scheme()");

    private static final String RESOURCES = "/dev/prefilter/engine/";

    /** The code prefixes MacroScanFindings is built with: VBA, and OpenDocument's StarBasic. */
    static final List<String> MACRO_LANGUAGES = List.of("vba", "odf");

    /** Text of a code family's shape that is no code: a file name, README's example of a mistyped rule. */
    static final Set<String> NOT_CODES = Set.of("content.xml", "archive.encrypted-unopend");

    private final Path sources;
    private final Set<String> families;
    private final Map<String, Set<String>> severities = new TreeMap<>();
    private final List<String> unknownForms = new ArrayList<>();

    /**
     * @param sources the engine's {@code src/main/java}
     * @param families the code families (first segments) to take plain literals from
     */
    EmittedFindingCodes(Path sources, Set<String> families) {
        this.sources = sources;
        this.families = families;
        readSources();
        readTables();
    }

    /** Every code found, with the severities found for it (empty when only the code was seen). */
    Map<String, Set<String>> severities() {
        return severities;
    }

    /** First arguments of Finding.of / new Verdict that are neither literals nor in {@link #DYNAMIC}. */
    List<String> codeArgumentsOutsideTheKnownForms() {
        return unknownForms;
    }

    private void readSources() {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                read(file, Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(Path file, String source) {
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            if (families.contains(literal.group(1).substring(0, literal.group(1).indexOf('.')))
                    && !NOT_CODES.contains(literal.group(1))) {
                code(literal.group(1));
            }
        }
        Matcher withSeverity = WITH_SEVERITY.matcher(source);
        while (withSeverity.find()) {
            code(withSeverity.group(1)).add(withSeverity.group(2).toLowerCase(Locale.ROOT));
        }
        Matcher call = CODE_ARGUMENT.matcher(source);
        while (call.find()) {
            String argument = firstArgument(source, call.end());
            Matcher plain = LITERAL.matcher(argument);
            Matcher conditional = CONDITIONAL.matcher(argument);
            if (plain.matches()) {
                code(plain.group(1));
            } else if (conditional.matches()) {
                code(conditional.group(1));
                code(conditional.group(2));
            } else if (!DYNAMIC.contains(argument)) {
                unknownForms.add(sources.relativize(file) + ": " + argument);
            }
        }
        Matcher kind = PARSE_KIND.matcher(source);
        while (kind.find()) {
            code("parse." + kind.group(1)).add("high");
        }
    }

    private void readTables() {
        for (TargetSchemes.Exploit exploit : TargetSchemes.Exploit.values()) {
            String severity = exploit.severity().label();
            code("ole.link-" + exploit.scheme()).add(severity);
            code("ooxml.link-" + exploit.scheme()).add(severity);
        }
        for (JsonNode category : json("detect/type-categories.json").get("categories")) {
            code(category.get("finding").asText()).add(category.get("severity").asText());
        }
        for (JsonNode rule : json("lnk/command-rules.json").get("commandCategories")) {
            code(rule.get("code").asText()).add(rule.get("severity").asText());
        }
        for (String language : MACRO_LANGUAGES) {
            for (JsonNode category : json("office/vba/vba-keywords.json").get("categories")) {
                code(language + "." + category.get("name").asText())
                        .add(category.get("severity").asText());
            }
            code(language + ".ioc").addAll(Set.of("low", "medium"));
            code(language + ".obfuscation").add("medium");
        }
        JsonNode xlm = json("office/xlm/xlm-functions.json");
        xlm.get("functions")
                .forEach(f -> code("xlm.function").add(f.get("severity").asText()));
        xlm.get("strings").forEach(s -> code("xlm.string").add(s.get("severity").asText()));
    }

    private Set<String> code(String code) {
        return severities.computeIfAbsent(code, c -> new TreeSet<>());
    }

    static JsonNode json(String resource) {
        try (InputStream in = EmittedFindingCodes.class.getResourceAsStream(RESOURCES + resource)) {
            if (in == null) throw new IllegalStateException("no resource " + resource);
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a call's first argument, from just after its opening parenthesis, whitespace folded. */
    private static String firstArgument(String source, int from) {
        int depth = 0;
        boolean inString = false;
        StringBuilder out = new StringBuilder();
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(source.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) break;
            } else if (c == ',' && depth == 0) {
                break;
            }
            out.append(c);
        }
        return out.toString().replaceAll("\\s+", " ").trim();
    }
}
