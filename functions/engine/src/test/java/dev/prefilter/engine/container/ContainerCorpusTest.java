package dev.prefilter.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cabinets and RAR archives of the shared corpus, against the member lists in MANIFEST.tsv.
 * MANIFEST calls strelka_test.rar clean; this project does not, on purpose: RAR content cannot be
 * unpacked here, and content that was not inspected is never called clean.
 */
class ContainerCorpusTest {

    private static final Pattern MEMBERS = Pattern.compile("members\\((\\d+)\\)=([^;]*)");

    @Test
    void cabinetsAreExtractedCompletelyAndClean() {
        Map<String, Corpus.Entry> manifest = Corpus.manifest();
        Path root = Corpus.require();
        Report stored = null;
        for (String path : List.of("archive/strelka_test_zip.cab", "archive/strelka_test_lzx.cab")) {
            Corpus.Entry entry = manifest.get(path);
            Report report = TestEngines.scanPath(root.resolve(path));

            assertEquals(expectedMembers(entry), names(report), path);
            report.root().children().forEach(c -> assertTrue(c.size() > 0, path + " > " + c.name()));
            assertEquals(
                    Verdict.valueOf(entry.expectedVerdict().toUpperCase()),
                    report.verdict(),
                    path + ": " + report.findings());
            if (stored == null) {
                stored = report;
            } else {
                // the LZX cabinet holds the same files as the stored one: byte for byte
                for (ReportNode child : report.root().children()) {
                    assertEquals(TestEngines.node(stored, child.name()).sha256(), child.sha256(), child.name());
                }
            }
        }
    }

    @Test
    void rarMembersAreListedByNameAndNeverClean() {
        Map<String, Corpus.Entry> manifest = Corpus.manifest();
        Path root = Corpus.require();
        for (String path : List.of(
                "archive/strelka_test.rar",
                "archive_encrypted/strelka_test_password.rar",
                "archive_encrypted/strelka_test_password_mixed_encrypted_headers.rar")) {
            Corpus.Entry entry = manifest.get(path);
            Report report = TestEngines.scanPath(root.resolve(path));
            List<String> expected = expectedMembers(entry).stream()
                    .filter(m -> expectedMembers(entry).stream().noneMatch(other -> other.startsWith(m + "/")))
                    .sorted()
                    .toList();

            assertEquals(expected, names(report).stream().sorted().toList(), path);
            assertEquals(Verdict.SUSPICIOUS, report.verdict(), path);
            assertTrue(TestEngines.codes(report).contains("archive.unsupported"), path);
            boolean encrypted = entry.category().equals("archive_encrypted");
            assertEquals(encrypted, TestEngines.codes(report).contains("archive.encrypted-unopened"), path);
            report.root()
                    .children()
                    .forEach(c -> assertEquals(encrypted, c.facts().get("encrypted"), c.name()));
        }
    }

    static List<String> expectedMembers(Corpus.Entry entry) {
        Matcher m = MEMBERS.matcher(entry.oracle());
        assertTrue(m.find(), "no member list in MANIFEST for " + entry.path());
        List<String> members = m.group(2).isBlank()
                ? List.of()
                : Arrays.stream(m.group(2).split(",")).map(String::trim).toList();
        assertEquals(Integer.parseInt(m.group(1)), members.size(), entry.path());
        return members;
    }

    static List<String> names(Report report) {
        return report.root().children().stream().map(ReportNode::name).toList();
    }
}
