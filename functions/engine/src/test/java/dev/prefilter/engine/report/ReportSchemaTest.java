package dev.prefilter.engine.report;

import static dev.prefilter.engine.fixtures.Archives.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.MimeBuilder;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.testing.TestEngines;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kind of report the engine writes conforms to the published schema, and round-trips. */
class ReportSchemaTest {

    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        try (InputStream in =
                ReportSchemaTest.class.getResourceAsStream("/dev/prefilter/engine/report/report.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void reportsOfEveryShapeConform() throws Exception {
        byte[] locked = Archives.encryptedZip(files("a.pdf.exe", Samples.pe()), "nope", Archives.Encryption.AES_256);
        List<Report> reports = List.of(
                TestEngines.scanMail(
                        MimeBuilder.mail().subject("hi").text("clean").build()),
                TestEngines.scanMail(MimeBuilder.mail()
                        .subject("x")
                        .text("Password: abc")
                        .attachment("x.zip", "application/zip", locked)
                        .build()),
                TestEngines.scanFile("setup.exe", Samples.pe()),
                TestEngines.scanFile("empty.bin", new byte[0]),
                TestEngines.standard().scan(dev.prefilter.engine.ScanRequest.mail("broken", "broken.eml", () -> {
                    throw new java.io.IOException("gone");
                })));
        for (Report report : reports) {
            JsonNode json = ReportJson.mapper().readTree(ReportJson.compact(report));
            Set<ValidationMessage> errors = SCHEMA.validate(json);
            assertTrue(errors.isEmpty(), () -> report.input() + ": " + errors);
            String compact = ReportJson.compact(report);
            assertEquals(compact, ReportJson.compact(ReportJson.read(compact)), "round trip of " + report.input());
        }
    }
}
