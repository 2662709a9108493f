package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.report.Reason;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The macro analyzers against {@code ../shared/corpus}: macros found wherever olevba found
 * them (MANIFEST's oracle column), XLM found in every office_xlm file (olevba misses .xlsm),
 * the default-password samples decrypted with their Auto_Open found, nothing above info on
 * clean documents, and MANIFEST's verdict. Prints the agreement table.
 */
class OfficeMacroCorpusTest {

    private static final Set<String> CATEGORIES =
            Set.of("office_vba", "office_xlm", "office_encrypted", "office_clean");
    private static final Set<String> MAILS = Set.of("d01", "d03", "d06", "d07", "d10", "d12", "d13");
    /** Passwords the corpus README gives for its test zips (oletools' convention). */
    private static final List<String> OPERATOR_PASSWORDS = List.of("infected-test");

    /**
     * olevba lists an xlm_macro.txt for this file, but its workbook globals (read after decryption)
     * have a single BOUNDSHEET, Tabelle1, of type 0 (worksheet): there is no macro sheet to find.
     */
    static final Set<String> OLEVBA_XLM_WITHOUT_MACRO_SHEET =
            Set.of("office_encrypted/autostart-encrypt-standardpassword.xls");

    /**
     * MANIFEST expects these suspicious for their macros, but every procedure of the project is an
     * empty stub (Frame1_Click, TabStrip1_Change … hold no statement): nothing can run, so the
     * project is {@code vba.empty-project} (info) and the document clean. olevba lists the modules
     * and the event names all the same; the modules are compared, the flags and auto-run names not.
     */
    static final Set<String> EMPTY_PROCEDURES =
            Set.of("office_vba/oleform-PR314.docm", "mails/d07_en_nested_rfc822_docm.eml");

    private static final Pattern MRAPTOR = Pattern.compile("mraptor=Macro OK ([A-][W-][X-])");

    private static final Pattern ORACLE = Pattern.compile("macros=(\\d+) modules=(\\S+) xlm=(yes|no) autoexec=(\\S+)");

    @Test
    void macrosXlmDecryptionAndVerdictsAgreeWithTheOracle() throws Exception {
        Path root = Corpus.require();
        List<String> failures = new ArrayList<>();
        List<String> table = new ArrayList<>();
        Map<String, Integer> matrix = new TreeMap<>();
        int compared = 0;
        for (Corpus.Entry e : Corpus.manifest().values()) {
            boolean mail =
                    e.path().startsWith("mails/") && MAILS.contains(e.path().substring(6, 9));
            if (!CATEGORIES.contains(e.category()) && !mail) continue;
            Path file = root.resolve(e.path());
            String name = file.getFileName().toString();
            ScanRequest.Source source = () -> Files.newInputStream(file);
            ScanRequest request = (name.endsWith(".eml")
                            ? ScanRequest.mail(file.toString(), name, source)
                            : ScanRequest.file(file.toString(), name, source))
                    .withPasswords(OPERATOR_PASSWORDS);
            Report report = TestEngines.standard().scan(request);
            compared++;
            Set<String> modules = new LinkedHashSet<>();
            report.findings().stream()
                    .filter(f -> f.code().equals("vba.macros") || f.code().equals("vba.empty-project"))
                    .forEach(f -> ((List<?>) f.evidence().get("modules")).forEach(m -> modules.add(m.toString())));
            boolean xlm = report.findings().stream().anyMatch(f -> f.code().equals("xlm.macro-sheet"));
            Set<String> autoexec = new LinkedHashSet<>();
            report.findings().stream()
                    .filter(f -> f.code().equals("vba.autoexec"))
                    .forEach(f -> autoexec.add(f.evidence().get("keyword").toString()));
            report.findings().stream()
                    .filter(f -> f.code().equals("xlm.auto-open"))
                    .forEach(f -> autoexec.add(f.evidence().get("name").toString()));
            boolean decrypted =
                    report.findings().stream().anyMatch(f -> f.code().equals("office.decrypted"));
            String flags = report.findings().stream()
                    .filter(f -> f.code().equals("vba.macros"))
                    .map(f -> f.evidence().get("flags").toString())
                    .findFirst()
                    .orElse("-");
            String we =
                    "macros=" + (modules.isEmpty() ? "-" : String.join("/", modules)) + " xlm=" + (xlm ? "yes" : "no")
                            + " autoexec=" + (autoexec.isEmpty() ? "-" : String.join(",", autoexec)) + " flags=" + flags
                            + (decrypted ? " decrypted" : "")
                            + " verdict=" + report.verdict().label();
            Matcher oracle = ORACLE.matcher(e.oracle());
            String olevba = oracle.find()
                    ? "macros=" + oracle.group(1) + " modules=" + oracle.group(2) + " xlm=" + oracle.group(3)
                            + " autoexec=" + oracle.group(4)
                    : "(no olevba row)";
            Matcher mraptor = MRAPTOR.matcher(e.oracle());
            if (mraptor.find()) {
                olevba += " mraptor=" + mraptor.group(1);
                if (!e.category().equals("office_dde")
                        && !EMPTY_PROCEDURES.contains(e.path())
                        && !mraptor.group(1).equals(flags)) {
                    failures.add(e.path() + ": MacroRaptor flags " + mraptor.group(1) + ", ours " + flags);
                }
            }
            table.add(String.format("%-58s | %-95s | %s", e.path(), olevba, we));

            if (oracle.find(0)) {
                for (String m : Arrays.asList(oracle.group(2).split("/"))) {
                    if (m.equals("-") || m.equals("xlm_macro.txt") || m.startsWith("office_")) continue;
                    String module = m.replaceAll("\\.(bas|cls|frm)$", "");
                    if (!modules.contains(module))
                        failures.add(e.path() + ": olevba found module " + module + ", we did not (" + modules + ")");
                }
                boolean olevbaXlm = oracle.group(3).equals("yes")
                        && oracle.group(2).contains("xlm_macro.txt")
                        && !OLEVBA_XLM_WITHOUT_MACRO_SHEET.contains(e.path());
                if (olevbaXlm && !xlm) failures.add(e.path() + ": olevba found XLM, we did not");
                for (String a : oracle.group(4).split(",")) {
                    if (!a.equals("-")
                            && !EMPTY_PROCEDURES.contains(e.path())
                            && autoexec.stream().noneMatch(x -> x.equalsIgnoreCase(a))) {
                        failures.add(e.path() + ": olevba found auto-run " + a + ", we did not (" + autoexec + ")");
                    }
                }
            }
            if (e.category().equals("office_xlm") && !xlm) failures.add(e.path() + ": no XLM macro sheet found");
            if (e.path().contains("autostart-encrypt-standardpassword")) {
                if (!decrypted) failures.add(e.path() + ": not decrypted");
                if (!autoexec.contains("Auto_Open")) failures.add(e.path() + ": Auto_Open not found after decryption");
            }
            if (e.category().equals("office_clean")) {
                for (Finding f : report.findings()) {
                    if (f.severity().compareTo(Severity.INFO) > 0) {
                        failures.add(e.path() + ": clean document has "
                                + f.severity().label() + " " + f.code());
                    }
                }
            }
            matrix.merge(e.expectedVerdict() + " -> " + report.verdict().label(), 1, Integer::sum);
            String expected = EMPTY_PROCEDURES.contains(e.path()) ? "clean" : e.expectedVerdict();
            if (!expected.equals(report.verdict().label())) {
                failures.add(e.path() + ": expected " + expected + ", got "
                        + report.verdict().label() + " because "
                        + report.reasons().stream().map(Reason::code).toList());
            }
        }
        System.out.println("office macros vs olevba (file | olevba said | we said):");
        table.forEach(r -> System.out.println("  " + r));
        System.out.println("verdict matrix (expected -> got):");
        matrix.forEach((k, v) -> System.out.printf("  %-26s %3d%n", k, v));
        assertTrue(compared >= 30, "the corpus was read: " + compared);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
