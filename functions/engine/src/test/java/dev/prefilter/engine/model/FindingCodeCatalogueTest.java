package dev.prefilter.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code model/finding-codes.json} is the one list of finding codes. Every code an analyzer can
 * emit is in it and everything in it is emitted (read from the sources and data files, see
 * {@link EmittedFindingCodes}); where the code fixes a severity it is one the catalogue gives;
 * the default policy names only catalogued codes and prefixes; the report schema accepts every
 * code and severity; and the code tables of README.md and docs/*.md name only catalogued codes,
 * with a severity the catalogue gives.
 */
class FindingCodeCatalogueTest {

    /** One catalogue entry. */
    record Entry(String code, Set<String> severities, String family, String meaning) {}

    private static final Set<String> SEVERITIES =
            Arrays.stream(Severity.values()).map(Severity::label).collect(Collectors.toCollection(LinkedHashSet::new));
    private static final Pattern SEVERITY_WORD = Pattern.compile("\\b(info|low|medium|high|critical)\\b");
    private static final Pattern BACKTICKED = Pattern.compile("`([a-z0-9.*-]+)`");

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPOSITORY = MODULE.resolve("../..").normalize();
    private static final Map<String, Entry> CATALOGUE = load();
    private static final EmittedFindingCodes EMITTED =
            new EmittedFindingCodes(MODULE.resolve("src/main/java"), families());

    private static Map<String, Entry> load() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonNode e : EmittedFindingCodes.json("model/finding-codes.json").get("codes")) {
            Set<String> severities = new LinkedHashSet<>();
            if (e.get("severity").isArray()) {
                e.get("severity").forEach(s -> severities.add(s.asText()));
            } else {
                severities.add(e.get("severity").asText());
            }
            Entry entry = new Entry(
                    e.get("code").asText(),
                    severities,
                    e.get("family").asText(),
                    e.get("meaning").asText());
            if (entries.put(entry.code(), entry) != null) throw new IllegalStateException("twice: " + entry.code());
        }
        return entries;
    }

    private static Set<String> families() {
        return CATALOGUE.values().stream().map(Entry::family).collect(Collectors.toSet());
    }

    @Test
    void everyEntryIsWellFormed() {
        List<String> problems = new ArrayList<>();
        for (Entry e : CATALOGUE.values()) {
            if (!EmittedFindingCodes.CODE.matcher(e.code()).matches()) problems.add(e.code() + ": not a code");
            if (!e.code().startsWith(e.family() + ".")) problems.add(e.code() + ": family " + e.family());
            if (e.severities().isEmpty() || !SEVERITIES.containsAll(e.severities()))
                problems.add(e.code() + ": severity " + e.severities());
            if (e.meaning().isBlank()
                    || e.meaning().contains("\n")
                    || e.meaning().length() > 160)
                problems.add(e.code() + ": the meaning is one line of at most 160 characters");
        }
        assertEquals(List.of(), problems);
        assertTrue(CATALOGUE.size() > 150, "the catalogue was read: " + CATALOGUE.size());
    }

    @Test
    void everyCodeTheEngineEmitsIsCatalogued() {
        Set<String> missing = new TreeSet<>(EMITTED.severities().keySet());
        missing.removeAll(CATALOGUE.keySet());
        assertEquals(Set.of(), missing, "emitted by the engine but not in finding-codes.json");
    }

    @Test
    void everyCataloguedCodeIsEmitted() {
        Set<String> unused = new TreeSet<>(CATALOGUE.keySet());
        unused.removeAll(EMITTED.severities().keySet());
        assertEquals(Set.of(), unused, "in finding-codes.json but emitted nowhere");
    }

    @Test
    void codesBuiltAtRunTimeAreAllHandled() {
        assertEquals(
                List.of(),
                EMITTED.codeArgumentsOutsideTheKnownForms(),
                "a finding code built in a way EmittedFindingCodes does not know: "
                        + "add it to DYNAMIC and read its codes");
    }

    @Test
    void theSeveritiesTheCodeGivesAreCatalogued() {
        List<String> problems = new ArrayList<>();
        EMITTED.severities().forEach((code, severities) -> {
            Entry entry = CATALOGUE.get(code);
            if (entry != null && !entry.severities().containsAll(severities)) {
                problems.add(code + ": the code gives " + severities + ", the catalogue " + entry.severities());
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theDefaultPolicyNamesOnlyCataloguedCodesAndPrefixes() {
        List<String> unknown = new ArrayList<>();
        EmittedFindingCodes.json("score/default-policy.json")
                .get("rules")
                .fieldNames()
                .forEachRemaining(key -> {
                    boolean known = key.endsWith(".*")
                            ? CATALOGUE.keySet().stream()
                                    .anyMatch(c -> c.startsWith(key.substring(0, key.length() - 1)))
                            : CATALOGUE.containsKey(key);
                    if (!known) unknown.add(key);
                });
        assertEquals(List.of(), unknown, "policy rules for codes nobody emits");
    }

    @Test
    void theReportSchemaAcceptsEveryCodeAndSeverity() {
        JsonNode defs = EmittedFindingCodes.json("report/report.schema.json").get("$defs");
        Pattern code = Pattern.compile(defs.get("code").get("pattern").asText());
        Set<String> severities = new LinkedHashSet<>();
        defs.get("severity").get("enum").forEach(s -> severities.add(s.asText()));
        List<String> rejected = CATALOGUE.values().stream()
                .filter(e -> !code.matcher(e.code()).matches() || !severities.containsAll(e.severities()))
                .map(Entry::code)
                .toList();
        assertEquals(List.of(), rejected);
        assertEquals(SEVERITIES, severities, "the schema's severities are the engine's");
    }

    @Test
    void theDocumentationNamesOnlyCataloguedCodesWithTheirSeverities() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> documents = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        int rows = 0;
        for (Path document : documents) {
            String name = REPOSITORY.relativize(document).toString();
            for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
                for (String token : codesIn(line)) {
                    if (!known(token)) problems.add(name + " names " + token + ", which is not catalogued");
                }
                if (!line.startsWith("| `")) continue;
                String[] cells = line.split("\\|");
                List<String> rowCodes = codesIn(cells[1]).stream()
                        .filter(CATALOGUE::containsKey)
                        .toList();
                if (rowCodes.isEmpty() || cells.length < 3) continue;
                rows++;
                problems.addAll(severityProblems(name, rowCodes, cells[2]));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(rows > 60, "the code tables were read: " + rows + " rows");
    }

    @Test
    void everyLimitIsInTheReadmesLimitsSection() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("### Limits");
        String section = readme.substring(start, readme.indexOf("\n### ", start + 1));
        Set<String> documented = new TreeSet<>(codesIn(section));
        Set<String> undocumented = new TreeSet<>(CATALOGUE.keySet());
        undocumented.removeIf(code -> !code.startsWith("limit.") || documented.contains(code));
        assertEquals(Set.of(), undocumented, "limits with no row in README's Limits tables");
    }

    /** The first severity named must be one every code of the row can have; any other named must be one of theirs. */
    private static List<String> severityProblems(String document, List<String> codes, String cell) {
        List<String> named = new ArrayList<>();
        Matcher word = SEVERITY_WORD.matcher(cell);
        while (word.find()) named.add(word.group(1));
        List<String> problems = new ArrayList<>();
        for (String code : codes) {
            Set<String> catalogued = CATALOGUE.get(code).severities();
            if (named.isEmpty() && catalogued.size() == 1) {
                problems.add(document + ": " + code + " has no severity in its row; the catalogue says " + catalogued);
            } else if (!named.isEmpty() && !catalogued.contains(named.get(0))) {
                problems.add(
                        document + ": " + code + " is " + named.get(0) + " there, " + catalogued + " in the catalogue");
            }
        }
        Set<String> all = codes.stream()
                .flatMap(c -> CATALOGUE.get(c).severities().stream())
                .collect(Collectors.toSet());
        named.stream()
                .filter(s -> !all.contains(s))
                .forEach(s -> problems.add(document + ": " + codes + " named " + s + ", which none of them is"));
        return problems;
    }

    /** Backticked tokens shaped like a code (or a {@code family.*} prefix) of a catalogued family. */
    private static List<String> codesIn(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            String token = m.group(1);
            int dot = token.indexOf('.');
            if (dot < 0 || !families().contains(token.substring(0, dot))) continue;
            if (EmittedFindingCodes.NOT_CODES.contains(token)) continue;
            if (token.endsWith(".*") || EmittedFindingCodes.CODE.matcher(token).matches()) out.add(token);
        }
        return out;
    }

    private static boolean known(String token) {
        if (!token.endsWith(".*")) return CATALOGUE.containsKey(token);
        String prefix = token.substring(0, token.length() - 1);
        return CATALOGUE.keySet().stream().anyMatch(c -> c.startsWith(prefix));
    }
}
