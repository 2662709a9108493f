package dev.prefilter.engine.detect;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.node;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeCategoriesTest {

    private static final TypeCategories CATEGORIES = TypeCategories.load(TestEngines.detector());

    private static final byte[] VHDL = Samples.text(
            "library ieee;\nuse ieee.std_logic_1164.all;\n\nentity counter is\n  port (clk : in std_logic);\nend counter;\n");

    @Test
    void vhdlSourceInASourceArchiveIsNoDiskImage() {
        Report report = scanFile(
                "fpga-src.tar", Archives.tar(Archives.files("rtl/counter.vhd", VHDL, "rtl/README", "build notes")));

        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
        assertEquals("text/plain", node(report, "rtl/counter.vhd").detectedType());
    }

    @ParameterizedTest
    @CsvSource({"vhd, disk-image", "iso, disk-image", "one, onenote", "lnk, shortcut", "rar, unopenable-archive"})
    void textNamedAsABinaryFormatIsNotThatFormat(String extension, String category) {
        assertEquals(
                Optional.empty(), CATEGORIES.classify("text/plain", extension).map(TypeCategory::name));
        assertEquals(
                Optional.of(category),
                CATEGORIES.classify("application/octet-stream", extension).map(TypeCategory::name),
                "unrecognised bytes still take the category of their name");
    }

    @ParameterizedTest
    @CsvSource({"js, script", "bat, script", "ps1, launcher", "url, launcher", "slk, macro-capable", "com, executable"})
    void textFormatsAndPrintableExecutablesKeepTheirCategoryByName(String extension, String category) {
        assertEquals(
                Optional.of(category),
                CATEGORIES.classify("text/plain", extension).map(TypeCategory::name));
    }

    @Test
    void aDiskImageNamedVhdIsStillOne() {
        assertTrue(CATEGORIES.classify("application/x-vhd", "vhd").isPresent());
    }
}
