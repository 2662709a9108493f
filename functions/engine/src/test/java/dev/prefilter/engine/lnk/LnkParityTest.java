package dev.prefilter.engine.lnk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our {@code facts.lnk} against LnkParse3's output for every corpus shortcut that has one. Run:
 * {@code mvn -B -o -q -pl functions/engine test -Dtest=LnkParityTest}; it prints "parity: X/Y fields".
 */
class LnkParityTest {

    /** A facts field, where LnkParse3 keeps the same value, and how its value reads in our terms. */
    private record Field(String ours, Function<JsonNode, String> reference) {}

    /**
     * Known, justified differences: file, field, why. Each is still compared and must still
     * differ, so that a fixed reference or a changed parser shows up here.
     */
    private static final String BOTH_LOCATIONS =
            "LinkInfoFlags is 3 (VolumeIDAndLocalBasePath and CommonNetworkRelativeLinkAndPathSuffix):"
                    + " LnkParse3 reads only the local half and reports no net_name "
                    + "although the file has a CommonNetworkRelativeLink";

    private static final Map<String, String> DOCUMENTED_DIFFERENCES = Map.of(
            "decoding_error3.lnk/netName", BOTH_LOCATIONS + " naming \\\\DESKTOP-9AI08QD\\Users",
            "sample16.lnk/netName", BOTH_LOCATIONS + " naming \\\\ASUS\\Users");

    private static final List<Field> FIELDS = List.of(
            new Field("name", r -> text(r.at("/data/description"))),
            new Field("relativePath", r -> text(r.at("/data/relative_path"))),
            new Field("workingDir", r -> text(r.at("/data/working_directory"))),
            new Field("arguments", r -> text(r.at("/data/command_line_arguments"))),
            new Field("iconLocation", r -> text(r.at("/data/icon_location"))),
            new Field("localBasePath", r -> text(r.at("/link_info/local_base_path"))),
            new Field("commonPathSuffix", r -> text(r.at("/link_info/common_path_suffix"))),
            new Field("netName", r -> text(r.at("/link_info/location_info/net_name"))),
            new Field("environmentTarget", LnkParityTest::environmentTarget),
            new Field("trackerMachineId", r -> text(r.at("/extra/DISTRIBUTED_LINK_TRACKER_BLOCK/machine_identifier"))),
            new Field("showCommand", r -> text(r.at("/header/windowstyle"))),
            new Field("fileSize", r -> text(r.at("/header/file_size"))),
            new Field("appendedData", LnkParityTest::appended));

    /** One shortcut: ours and the reference's view of it. */
    private record Pair(String label, JsonNode ours, JsonNode reference) {}

    @Test
    void factsAgreeWithLnkParse3() throws IOException {
        List<Pair> pairs = new ArrayList<>(shortcuts(Corpus.require().resolve("lnk")));
        int single = pairs.size();
        pairs.addAll(jumpListEntries(Corpus.require().resolve("lnk_jumplist")));
        assertFalse(pairs.isEmpty(), "no shortcut with a LnkParse3 reference in the corpus");
        int compared = 0;
        int agreeing = 0;
        List<String> unexplained = new ArrayList<>();
        List<String> documented = new ArrayList<>();
        for (Pair pair : pairs) {
            for (Field field : FIELDS) {
                compared++;
                String expected = field.reference().apply(pair.reference());
                String actual = ourValue(pair.ours(), field.ours());
                String key = pair.label() + "/" + field.ours();
                boolean same = Objects.equals(expected, actual);
                if (same) agreeing++;
                if (DOCUMENTED_DIFFERENCES.containsKey(key)) {
                    if (same)
                        unexplained.add(
                                key + ": listed as a documented difference but now agrees; remove it from the list");
                    else
                        documented.add(key + ": ours=" + actual + " reference=" + expected + " ("
                                + DOCUMENTED_DIFFERENCES.get(key) + ")");
                } else if (!same) {
                    unexplained.add(key + ": ours=" + actual + " reference=" + expected);
                }
            }
        }
        System.out.printf(
                "parity: %d/%d fields (%d shortcuts and %d jump list entries x %d fields; %d documented differences)%n",
                agreeing, compared, single, pairs.size() - single, FIELDS.size(), documented.size());
        documented.forEach(d -> System.out.println("  documented difference " + d));
        assertTrue(
                unexplained.isEmpty(),
                "fields that differ from LnkParse3 without a documented reason:\n" + String.join("\n", unexplained));
        assertEquals(compared - documented.size(), agreeing);
    }

    private static List<Pair> shortcuts(Path folder) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".lnk")).sorted().toList()) {
                Path reference = file.resolveSibling(file.getFileName() + ".lnkparse3.json");
                if (Files.exists(reference)) {
                    pairs.add(new Pair(
                            file.getFileName().toString(),
                            facts(file),
                            ReportJson.mapper().readTree(reference.toFile())));
                }
            }
        }
        return pairs;
    }

    /**
     * A custom jump list's reference is a list with one object per shortcut; ours are the list's
     * children, in order.
     */
    private static List<Pair> jumpListEntries(Path folder) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        if (!Files.isDirectory(folder)) return pairs;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".customDestinations-ms"))
                    .sorted()
                    .toList()) {
                Path referenceFile = file.resolveSibling(file.getFileName() + ".lnkparse3.json");
                if (!Files.exists(referenceFile)) continue;
                JsonNode reference = ReportJson.mapper().readTree(referenceFile.toFile());
                List<ReportNode> entries = TestEngines.scanPath(file).root().children();
                assertEquals(reference.size(), entries.size(), file + ": jump list entries");
                for (int i = 0; i < entries.size(); i++) {
                    Object facts = entries.get(i).facts().get("lnk");
                    assertNotNull(facts, file + " entry " + (i + 1));
                    pairs.add(new Pair(
                            file.getFileName() + "#" + (i + 1),
                            ReportJson.mapper().valueToTree(facts),
                            reference.get(i)));
                }
            }
        }
        return pairs;
    }

    /** The shortcuts liblnk's lnkinfo could not open (MANIFEST's oracle column) parse here with facts. */
    @Test
    void shortcutsLnkinfoCannotOpenAreParsed() throws IOException {
        Path root = Corpus.require();
        List<Corpus.Entry> refused = Corpus.manifest().values().stream()
                .filter(e -> e.path().endsWith(".lnk") && e.oracle().contains("lnkinfo: FAILED"))
                .toList();
        assertFalse(refused.isEmpty(), "MANIFEST lists no shortcut that lnkinfo failed on");
        for (Corpus.Entry entry : refused) {
            JsonNode facts = facts(root.resolve(entry.path()));
            assertNotNull(facts.get("linkFlags"), entry.path());
            assertTrue(facts.get("targetPath").isTextual(), entry.path() + " has no target path: " + facts);
        }
    }

    private static JsonNode facts(Path file) {
        Report report = TestEngines.scanPath(file);
        Object facts = report.root().facts().get("lnk");
        assertNotNull(facts, "no facts.lnk for " + file);
        return ReportJson.mapper().valueToTree(facts);
    }

    private static String ourValue(JsonNode facts, String field) {
        JsonNode value = facts.get(field);
        if (field.equals("showCommand")) return asLnkParse3WindowStyle(text(value));
        if (field.equals("appendedData"))
            return value == null || value.isNull()
                    ? null
                    : value.get("size").asText() + " " + value.get("sha256").asText();
        return text(value);
    }

    /** MS-SHLLINK: values other than 1, 3 and 7 are treated as SW_SHOWNORMAL, and LnkParse3 prints them so. */
    private static String asLnkParse3WindowStyle(String ours) {
        if (ours == null) return null;
        return switch (ours) {
            case "SW_SHOWNORMAL", "SW_SHOWMAXIMIZED", "SW_SHOWMINNOACTIVE" -> ours;
            default -> "SW_SHOWNORMAL";
        };
    }

    private static String environmentTarget(JsonNode reference) {
        JsonNode block = reference.at("/extra/ENVIRONMENTAL_VARIABLES_LOCATION_BLOCK");
        if (block.isMissingNode()) return null;
        String unicode = text(block.get("target_unicode"));
        return unicode != null && !unicode.isEmpty() ? unicode : text(block.get("target_ansi"));
    }

    private static String appended(JsonNode reference) {
        JsonNode terminal = reference.at("/extra/TERMINAL_BLOCK");
        if (terminal.isMissingNode() || !terminal.has("appended_data_sha256")) return null;
        // LnkParse3's TERMINAL_BLOCK size is the 4 terminal bytes plus what follows
        return (terminal.get("size").asLong() - 4) + " "
                + terminal.get("appended_data_sha256").asText();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
