package dev.prefilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {

    private static final String CLEAN_MAIL = "From: a@example.com\r\nTo: b@example.com\r\nSubject: hello\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nSee you at ten.\r\n";
    private static final String MALICIOUS_MAIL = "From: a@example.com\r\nSubject: invoice\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"invoice.pdf.js\"\r\n\r\n"
            + "var shell = new ActiveXObject('WScript.Shell');\r\n--b--\r\n";

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PrefilterCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        return file;
    }

    @Test
    void exitCodesFollowTheWorstVerdict(@TempDir Path dir) throws IOException {
        Path clean = write(dir, "clean.eml", CLEAN_MAIL);
        Path bad = write(dir, "bad.eml", MALICIOUS_MAIL);
        assertEquals(0, run("scan", clean.toString()).exit());
        assertEquals(2, run("scan", clean.toString(), bad.toString()).exit());
        assertEquals(
                1,
                run("scan", write(dir, "shortcut.lnk", "L\u0000\u0000\u0000").toString())
                        .exit(),
                "any shortcut is suspicious");
    }

    @Test
    void jsonlPrintsOneReportPerFileWithTheGivenPath(@TempDir Path dir) throws IOException {
        write(dir, "mails/a.eml", CLEAN_MAIL);
        write(dir, "mails/sub/b.eml", MALICIOUS_MAIL);

        Run run = run("scan", "--format", "jsonl", dir.resolve("mails").toString());

        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines.get(0));
        JsonNode second = mapper.readTree(lines.get(1));
        assertEquals("prefilter.report/1", first.get("schema").asText());
        assertEquals(dir.resolve("mails/a.eml").toString(), first.get("input").asText());
        assertEquals("malicious", second.get("verdict").asText());
        assertEquals(2, run.exit());
    }

    @Test
    void jsonPrintsOneDocumentOrAnArray(@TempDir Path dir) throws IOException {
        Path a = write(dir, "a.eml", CLEAN_MAIL);
        Path b = write(dir, "b.eml", CLEAN_MAIL);
        assertTrue(new ObjectMapper()
                .readTree(run("scan", "--format", "json", a.toString()).out())
                .isObject());
        assertEquals(
                2,
                new ObjectMapper()
                        .readTree(run("scan", "--format", "json", a.toString(), b.toString())
                                .out())
                        .size());
    }

    @Test
    void textShowsVerdictReasonsAndTreeWithNamesEscaped(@TempDir Path dir) throws IOException {
        String evil = MALICIOUS_MAIL.replace("invoice.pdf.js", "invoice\u001b[2Jpdf.js");
        Run run = run("scan", "--color", "never", write(dir, "evil.eml", evil).toString());

        assertTrue(run.out().contains("MALICIOUS"));
        assertTrue(run.out().contains("type.script"));
        assertTrue(run.out().contains("invoice<U+001B>[2Jpdf.js"), run.out());
        assertFalse(run.out().contains("\u001b"), "no raw escape sequence reaches the terminal");
    }

    @Test
    void missingInputsAndBadOptionsHaveTheirOwnCodes(@TempDir Path dir) throws IOException {
        Run missing = run("scan", dir.resolve("nope.eml").toString());
        assertEquals(3, missing.exit());
        assertTrue(missing.err().contains("no such file"));
        assertEquals(64, run("scan", "--format", "yaml", "x").exit());
        Path policy = write(dir, "policy.json", "{\"rules\":{\"BAD\":{}}}");
        Run badPolicy = run(
                "scan",
                "--policy",
                policy.toString(),
                write(dir, "c.eml", CLEAN_MAIL).toString());
        assertEquals(64, badPolicy.exit());
        assertTrue(badPolicy.err().contains("BAD"));
    }

    @Test
    void aPolicyFileIsNamedByItsContentInTheReportAndTypoRulesAreWarnedAbout(@TempDir Path dir) throws IOException {
        Path policy = write(
                dir,
                "lenient.json",
                "{\"rules\":{\"type.script\":{\"verdict\":\"clean\",\"weight\":0},"
                        + "\"archive.encrypted-unopend\":{\"verdict\":\"clean\"}}}");
        Path bad = write(dir, "bad.eml", MALICIOUS_MAIL);
        Run lenient = run("scan", "--format", "json", "--policy", policy.toString(), bad.toString());
        Run builtIn = run("scan", "--format", "json", bad.toString());
        JsonNode withFile = new ObjectMapper().readTree(lenient.out());
        JsonNode withDefault = new ObjectMapper().readTree(builtIn.out());
        assertEquals("malicious", withDefault.path("verdict").asText());
        assertEquals(
                "suspicious",
                withFile.path("verdict").asText(),
                "the script rule is lifted; the double extension stays");
        assertTrue(withFile.path("policy").asText().matches("custom@[0-9a-f]{12}"), withFile.path("policy")::asText);
        assertTrue(withDefault.path("policy").asText().matches("default-1@[0-9a-f]{12}"));
        assertTrue(
                lenient.err()
                        .contains(
                                "warning: policy rule 'archive.encrypted-unopend' matches no finding code the engine emits; nearest known code: 'archive.encrypted-unopened'"),
                lenient.err());
        assertFalse(builtIn.err().contains("warning"));
    }

    @Test
    void passwordsFromTheCommandLineOpenArchives(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("locked.zip");
        try (var out = new net.lingala.zip4j.io.outputstream.ZipOutputStream(
                Files.newOutputStream(zip), "s3cret".toCharArray())) {
            var p = new net.lingala.zip4j.model.ZipParameters();
            p.setFileNameInZip("notes.txt");
            p.setEncryptFiles(true);
            p.setEncryptionMethod(net.lingala.zip4j.model.enums.EncryptionMethod.AES);
            out.putNextEntry(p);
            out.write("meeting at ten".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertEquals(1, run("scan", zip.toString()).exit());
        assertEquals(0, run("scan", "--password", "s3cret", zip.toString()).exit());
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Run help = run("scan", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("64"));
        assertTrue(help.out().contains("malicious"));
    }
}
