package dev.prefilter.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.report.ReportJson;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IocFormatsTest {

    private static final Instant AT = Instant.parse("2026-11-26T09:30:00.123456Z");

    private static List<Ioc> iocs() {
        return List.of(
                new Ioc("sha256", "a".repeat(64), new TreeSet<>(Set.of("r1", "r2"))),
                new Ioc("url", "http://example.invalid/it's\\here", new TreeSet<>(Set.of("r1"))),
                new Ioc("domain", "example.invalid", new TreeSet<>(Set.of("r1"))),
                new Ioc("ipv4", "192.0.2.7", new TreeSet<>(Set.of("r2"))),
                new Ioc("ipv6", "2001:db8::7", new TreeSet<>(Set.of("r2"))),
                new Ioc("mac", "00:0c:29:aa:bb:cc", new TreeSet<>(Set.of("r2"))),
                new Ioc("lnk-machine-id", "desktop-attacker", new TreeSet<>(Set.of("r2"))),
                new Ioc("url", "=HYPERLINK(\"http://x\")", new TreeSet<>(Set.of("r1"))));
    }

    @Test
    void the_stix_bundle_meets_the_specifications_requirements() throws Exception {
        JsonNode bundle = ReportJson.mapper().readTree(IocFormats.stix(iocs(), AT));
        StixChecks.assertValidBundle(bundle);
        List<String> patterns = bundle.findValuesAsText("pattern");
        assertTrue(patterns.contains("[file:hashes.'SHA-256' = '" + "a".repeat(64) + "']"), patterns::toString);
        assertTrue(
                patterns.contains("[url:value = 'http://example.invalid/it\\'s\\\\here']"),
                "quote and backslash escaped");
        assertTrue(patterns.contains("[ipv6-addr:value = '2001:db8::7']"));
        assertTrue(patterns.contains("[mac-addr:value = '00:0c:29:aa:bb:cc']"));
        assertEquals(
                "2026-11-26T09:30:00.123Z",
                bundle.path("objects").path(0).path("created").asText());
        JsonNode note = bundle.findParents("type").stream()
                .filter(o -> o.path("type").asText().equals("note"))
                .findFirst()
                .orElseThrow();
        assertTrue(note.path("content").asText().contains("desktop-attacker"));
        assertEquals(
                4,
                note.path("object_refs").size(),
                "the hash, IPv4, IPv6 and MAC indicators of the record the shortcut came in");
    }

    @Test
    void csv_is_rfc_4180_and_never_a_formula() {
        String csv = IocFormats.csv(iocs());
        assertTrue(csv.startsWith("type,value,records\r\nsha256," + "a".repeat(64) + ",r1 r2\r\n"), csv);
        assertTrue(csv.contains("url,\"'=HYPERLINK(\"\"http://x\"\")\",r1\r\n"), csv);
    }

    @Test
    void json_lists_each_indicator_with_its_records() throws Exception {
        JsonNode json = ReportJson.mapper().readTree(IocFormats.json(iocs(), AT));
        assertEquals("prefilter.iocs/1", json.path("schema").asText());
        assertEquals("r2", json.path("iocs").path(0).path("records").path(1).asText());
    }
}
