package dev.prefilter.engine.office.vba;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

/**
 * The p-code reader on the corpus's real projects, compiled by Office (VBA 7, Office 2010 and
 * later): every module with code has compiled lines, every procedure the source defines is
 * defined in the p-code under the same name, every name the p-code uses appears in the source
 * (nothing there was stomped), and no stomping is reported.
 */
class ModulePcodeCorpusTest {

    private static final Pattern PROCEDURE = Pattern.compile(
            "(?im)^[ \\t]*(?:(?:Public|Private|Friend)\\s+)?(?:Static\\s+)?(?:Sub|Function|Property\\s+(?:Get|Let|Set))\\s+(\\w+)");

    @Test
    void realProjectsDecodeToTheNamesTheirSourceUses() throws Exception {
        Path root = Corpus.require();
        List<String> failures = new ArrayList<>();
        int procedures = 0;
        int modulesWithCode = 0;
        for (byte[] bin : List.of(
                Files.readAllBytes(root.resolve("office_vba/strelka_test.xls")),
                part(root.resolve("office_vba/oleform-PR314.docm"), "word/vbaProject.bin"))) {
            try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bin))) {
                for (VbaProject p : new VbaProjectReader(1 << 24, 1 << 26).readAll(fs.getRoot())) {
                    var charset = VbaDirStream.charset(p.codePage());
                    VbaIdentifiers ids = VbaIdentifiers.read(p.compiledProject(), charset);
                    String allSource = String.join(
                                    "\n",
                                    p.modules().stream().map(VbaModule::source).toList())
                            .toLowerCase(Locale.ROOT);
                    for (VbaModule m : p.modules()) {
                        Optional<ModulePcode> pcode = ModulePcode.read(m.performanceCache(), ids, p.win64(), charset);
                        System.out.println(m.name() + ": "
                                + pcode.map(c -> c.lines() + " lines, " + c.linesWithCode() + " with code, names "
                                                + c.names() + ", literals " + c.literals())
                                        .orElse("no p-code"));
                        boolean hasCode = SourceStatements.count(m.source()) > 0;
                        if (hasCode && (pcode.isEmpty() || pcode.get().empty())) {
                            failures.add(m.name() + ": source has code, p-code none");
                            continue;
                        }
                        if (pcode.isEmpty()) continue;
                        if (!pcode.get().empty()) modulesWithCode++;
                        Matcher proc = PROCEDURE.matcher(m.source());
                        while (proc.find()) {
                            procedures++;
                            if (!pcode.get().names().contains(proc.group(1)))
                                failures.add(m.name() + ": procedure " + proc.group(1) + " not defined in the p-code");
                        }
                        for (String name : pcode.get().names()) {
                            if (!allSource.contains(name.toLowerCase(Locale.ROOT)))
                                failures.add(m.name() + ": p-code name " + name + " is not in the source");
                        }
                    }
                    StompingDetector.Result stomping = new StompingDetector(VbaKeywords.standard()).compare(p);
                    if (stomping.stomped()) failures.add("stomping reported: " + stomping.onlyCompiled());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(
                modulesWithCode >= 3 && procedures >= 5, modulesWithCode + " modules, " + procedures + " procedures");
    }

    private static byte[] part(Path zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) return in.readAllBytes();
            }
        }
        throw new AssertionError(name + " not in " + zip);
    }
}
