package dev.prefilter.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.testing.TestEngines;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameInspectorTest {

    private final NameInspector inspector =
            new NameInspector(TypeCategories.load(TestEngines.detector()).riskyExtensions());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "invoice.pdf.lnk | name.double-extension",
                "請求書.pdf.exe | name.double-extension",
                "photo.jpg.js | name.double-extension",
                "report.2024.pdf | ",
                "backup.tar.gz | ",
                "data.csv.zip | ",
                "invoice.pdf                                  .exe | name.double-extension name.padded",
                "invoice\u202Efdp.exe | name.bidi-override",
                "statement.exe. | name.padded",
                "readme\u200B.txt | name.invisible-characters",
                "plain_document_v2.docx | "
            })
    void disguisesAreFoundAndPlainNamesLeftAlone(String name, String expected) {
        List<String> codes =
                inspector.inspect(name).stream().map(Finding::code).sorted().toList();
        List<String> want = expected == null
                ? List.of()
                : java.util.Arrays.stream(expected.split(" ")).sorted().toList();
        assertEquals(want, codes);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"invoice.pdf      .exe | HIGH", "minutes      final.docx | LOW"})
    void paddingIsSevereOnlyWhenItHidesARiskyExtension(String name, Severity severity) {
        assertEquals(
                severity,
                inspector.inspect(name).stream()
                        .filter(f -> f.code().equals("name.padded"))
                        .findFirst()
                        .orElseThrow()
                        .severity());
    }
}
