package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.ReportNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files for the analysis of one node: its findings (code, severity, evidence) and facts,
 * in {@code src/test/resources/fixtures/office/<case>.expected.json}. Run with
 * {@code -Dprefilter.updateGolden=true} to rewrite them after a deliberate change, then review the diff.
 */
public final class Golden {

    private static final ObjectMapper MAPPER = dev.prefilter.engine.report.ReportJson.mapper()
            .copy()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Golden() {}

    public static void assertMatches(String caseName, ReportNode node) throws IOException {
        ObjectNode actual = MAPPER.createObjectNode();
        ArrayNode findings = actual.putArray("findings");
        node.findings().forEach(f -> {
            ObjectNode o = MAPPER.valueToTree(f);
            o.remove("path");
            o.remove("description");
            findings.add(o);
        });
        actual.set("facts", MAPPER.valueToTree(node.facts()));
        String text = MAPPER.writeValueAsString(actual) + "\n";
        Path file = Path.of("src/test/resources/fixtures/office", caseName + ".expected.json");
        if (Boolean.getBoolean("prefilter.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        JsonNode expected = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(
                MAPPER.writeValueAsString(expected),
                MAPPER.writeValueAsString(MAPPER.readTree(text)),
                "analysis of " + caseName + " differs from " + file);
    }
}
