package dev.prefilter.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The STIX 2.1 specification's requirements on what the export produces: a bundle (type, id, no
 * spec_version of its own) of indicators and notes, each with its common required properties and
 * its type's own, identifiers of the form {@code type--UUID}, timestamps in UTC with milliseconds,
 * indicator patterns in STIX patterning for the observable types used.
 */
final class StixChecks {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\['\\\\])*'");
    private static final Pattern PATTERN = Pattern.compile("\\[(file:hashes\\.'SHA-256'|url:value|domain-name:value"
            + "|ipv4-addr:value|ipv6-addr:value|mac-addr:value) = " + STRING.pattern() + "\\]");

    private StixChecks() {}

    static void assertValidBundle(JsonNode bundle) {
        assertEquals("bundle", bundle.path("type").asText());
        assertId(bundle, "bundle");
        assertFalse(bundle.has("spec_version"), "a 2.1 bundle has no spec_version");
        assertTrue(bundle.path("objects").isArray());
        Set<String> ids = new HashSet<>();
        for (JsonNode o : bundle.path("objects")) {
            String type = o.path("type").asText();
            assertEquals("2.1", o.path("spec_version").asText(), o::toString);
            assertId(o, type);
            assertTrue(ids.add(o.path("id").asText()), "ids are unique");
            assertTrue(TIMESTAMP.matcher(o.path("created").asText()).matches(), o::toString);
            assertTrue(TIMESTAMP.matcher(o.path("modified").asText()).matches(), o::toString);
            switch (type) {
                case "indicator" -> {
                    assertTrue(PATTERN.matcher(o.path("pattern").asText()).matches(), o.path("pattern")::asText);
                    assertEquals("stix", o.path("pattern_type").asText());
                    assertTrue(TIMESTAMP.matcher(o.path("valid_from").asText()).matches());
                    assertTrue(o.path("indicator_types").isArray());
                }
                case "note" -> {
                    assertFalse(o.path("content").asText().isEmpty());
                    assertTrue(o.path("object_refs").size() > 0, "a note refers to at least one object");
                }
                default -> throw new AssertionError("the export makes indicators and notes only, not " + type);
            }
        }
        for (JsonNode o : bundle.path("objects")) {
            o.path("object_refs").forEach(ref -> assertTrue(ids.contains(ref.asText()), "refers inside the bundle"));
        }
    }

    private static void assertId(JsonNode object, String type) {
        String id = object.path("id").asText();
        assertTrue(id.startsWith(type + "--"), id);
        assertTrue(UUID.matcher(id.substring(type.length() + 2)).matches(), id);
    }
}
