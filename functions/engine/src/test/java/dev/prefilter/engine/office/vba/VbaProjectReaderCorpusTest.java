package dev.prefilter.engine.office.vba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.poifs.macros.VBAMacroReader;
import org.junit.jupiter.api.Test;

/**
 * Our MS-OVBA reader against POI's VBAMacroReader on the corpus's real projects (POI is the
 * oracle for the decompression): same module names, same source text.
 */
class VbaProjectReaderCorpusTest {

    @Test
    void sourcesMatchPoiVbaMacroReader() throws Exception {
        Path root = Corpus.require();
        List<Path> files = List.of(
                root.resolve("office_vba/strelka_test.xls"),
                root.resolve("office_encrypted/autostart-encrypt-standardpassword.xls"));
        int compared = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            Map<String, String> poi = new TreeMap<>();
            try (VBAMacroReader reader = new VBAMacroReader(new ByteArrayInputStream(bytes))) {
                reader.readMacroModules().forEach((name, module) -> poi.put(name, module.getContent()));
            }
            Map<String, String> ours = new TreeMap<>();
            try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bytes))) {
                for (VbaProject p : new VbaProjectReader(1 << 24, 1 << 26).readAll(fs.getRoot())) {
                    assertTrue(p.problems().isEmpty(), file + ": " + p.problems());
                    p.modules().forEach(m -> ours.put(m.name(), m.source()));
                }
            }
            assertEquals(poi.keySet(), ours.keySet(), file.toString());
            for (String name : poi.keySet()) {
                assertEquals(
                        poi.get(name).replace("\r\n", "\n").strip(),
                        ours.get(name).replace("\r\n", "\n").strip(),
                        file + " module " + name);
                compared++;
            }
        }
        assertTrue(compared >= 6, "modules compared: " + compared);
    }

    @Test
    void docmProjectMatchesPoiToo() throws Exception {
        Path file = Corpus.require().resolve("office_vba/oleform-PR314.docm");
        Map<String, String> poi = new TreeMap<>();
        try (VBAMacroReader reader = new VBAMacroReader(Files.newInputStream(file))) {
            reader.readMacroModules().forEach((name, module) -> poi.put(name, module.getContent()));
        }
        List<VbaProject> projects;
        try (var store = new dev.prefilter.engine.content.ContentStore(
                        Path.of(System.getProperty("java.io.tmpdir")), 1 << 26);
                var pkg = dev.prefilter.engine.office.OoxmlPackage.open(
                        store.spool(Files.readAllBytes(file), dev.prefilter.engine.content.SpoolBudget.UNLIMITED),
                        1 << 26)) {
            byte[] bin = pkg.read("word/vbaProject.bin", 1 << 26).orElseThrow();
            try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bin))) {
                projects = new VbaProjectReader(1 << 24, 1 << 26).readAll(fs.getRoot());
            }
        }
        Map<String, String> ours = new TreeMap<>();
        projects.forEach(p -> p.modules().forEach(m -> ours.put(m.name(), m.source())));
        assertEquals(poi.keySet(), ours.keySet());
        List<String> differing = new ArrayList<>();
        poi.forEach((k, v) -> {
            if (!v.replace("\r\n", "\n")
                    .strip()
                    .equals(ours.get(k).replace("\r\n", "\n").strip())) differing.add(k);
        });
        assertTrue(differing.isEmpty(), "modules differ: " + differing);
    }
}
