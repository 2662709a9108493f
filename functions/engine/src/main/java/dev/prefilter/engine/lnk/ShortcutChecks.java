package dev.prefilter.engine.lnk;

import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a parsed shortcut into findings. Each check is one method; the keyword data lives in
 * {@link CommandRules}. Stateless.
 */
final class ShortcutChecks {

    static final int PADDING_RUN = 32;
    private static final int MAX_PROBLEMS_SHOWN = 10;
    private static final Set<Integer> MINIMISED = Set.of(0, 2, 6, 7, 11);
    private static final Pattern BLANKS =
            Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u3000\\u0000]{" + PADDING_RUN + ",}");
    private static final Pattern WEBDAV =
            Pattern.compile("(?i)^\\\\\\\\[^\\\\]+@(?:ssl|\\d+)(?:@\\d+)?\\\\|davwwwroot");
    private static final Pattern URL = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://");

    private final CommandRules rules;

    ShortcutChecks(CommandRules rules) {
        this.rules = rules;
    }

    List<Finding> check(Shortcut shortcut, ShortcutFacts facts) {
        List<Finding> findings = new ArrayList<>();
        LinkTarget target = LinkTarget.of(facts, shortcut.linkInfo(), rules);
        String arguments = facts.arguments() == null ? "" : facts.arguments();
        problems(shortcut, findings);
        program(target, arguments, findings);
        script(target, findings);
        commandLine(arguments, findings);
        padding(shortcut.strings(), findings);
        window(shortcut.header(), target, findings);
        icon(facts, target, findings);
        zeroSize(shortcut.header(), target, findings);
        remote(target, shortcut.linkInfo(), findings);
        controlPanelFile(shortcut.idList(), findings);
        appended(facts.appendedData(), findings);
        tracker(shortcut, findings);
        return findings;
    }

    private void problems(Shortcut shortcut, List<Finding> findings) {
        if (shortcut.problems().isEmpty()) return;
        findings.add(Finding.of(
                        "parse.lnk",
                        Severity.HIGH,
                        "the shortcut does not follow MS-SHLLINK; what could be read was analysed")
                .with("problemCount", shortcut.problems().size())
                .with(
                        "problems",
                        shortcut.problems().stream()
                                .limit(MAX_PROBLEMS_SHOWN)
                                .map(p -> evidence(p.toString()))
                                .toList())
                .build());
    }

    /** An interpreter or LOLBin as the target; with a command line that is malicious by policy. */
    private void program(LinkTarget target, String arguments, List<Finding> findings) {
        if (target.program() == null) {
            rules.programInArguments(arguments)
                    .ifPresent(program -> findings.add(Finding.of(
                                    "lnk.interpreter-in-arguments",
                                    Severity.HIGH,
                                    "the shortcut's arguments start " + program)
                            .with("program", program)
                            .with("target", evidence(target.shown()))
                            .with("arguments", evidence(arguments))
                            .build()));
            return;
        }
        String program = target.program() + " (" + target.programKind() + ")";
        boolean commandLine = !arguments.isBlank();
        Finding.Builder finding = commandLine
                ? Finding.of(
                        "lnk.interpreter-command",
                        Severity.CRITICAL,
                        "the shortcut runs " + program + " with a command line")
                : Finding.of("lnk.interpreter-target", Severity.HIGH, "the shortcut opens " + program);
        findings.add(finding.with("program", target.program())
                .with("kind", target.programKind())
                .with("target", evidence(target.programPath()))
                .with("arguments", commandLine ? evidence(arguments) : null)
                .build());
    }

    private void script(LinkTarget target, List<Finding> findings) {
        if (target.script() == null) return;
        findings.add(Finding.of("lnk.script-target", Severity.HIGH, "the shortcut opens a script or installer file")
                .with("target", evidence(target.script()))
                .with("extension", LinkTarget.extension(LinkTarget.fileName(target.script())))
                .build());
    }

    private void commandLine(String arguments, List<Finding> findings) {
        if (arguments.isBlank()) return;
        for (CommandRules.Match match : rules.scan(arguments)) {
            Finding.Builder finding = Finding.of(
                            match.category().code(),
                            match.category().severity(),
                            match.category().description())
                    .with("match", evidence(match.text()));
            if ("lnk.url-in-command".equals(match.category().code())) {
                finding.with(
                        "urls",
                        rules.all(match.category().code(), arguments, 5).stream()
                                .map(ShortcutChecks::evidence)
                                .toList());
            }
            findings.add(finding.build());
        }
    }

    /** Blank runs push the real command past what the Properties dialog shows (260 characters). */
    private void padding(StringData strings, List<Finding> findings) {
        StringData.Text arguments = strings.arguments();
        if (arguments != null) {
            Matcher run = BLANKS.matcher(arguments.value());
            while (run.find()) {
                if (!arguments.value().substring(run.end()).isBlank()) {
                    findings.add(padded(
                            "lnk.padded-arguments",
                            "arguments",
                            arguments,
                            run.group().length(),
                            "the arguments are padded with " + run.group().length()
                                    + " blank characters that push the command out of view"));
                    break;
                }
            }
        }
        StringData.Text workingDir = strings.workingDir();
        if (workingDir != null) {
            Matcher run = BLANKS.matcher(workingDir.value());
            boolean blanks = run.find();
            if (blanks || workingDir.storedChars() > StringDataReader.WINDOWS_FIELD_LIMIT) {
                findings.add(padded(
                        "lnk.padded-working-dir",
                        "workingDir",
                        workingDir,
                        blanks ? run.group().length() : 0,
                        "the working directory is padded past what Windows shows"));
            }
        }
    }

    private static Finding padded(String code, String field, StringData.Text text, int blankRun, String description) {
        return Finding.of(code, Severity.HIGH, description)
                .with("field", field)
                .with("storedChars", text.storedChars())
                .with("blankRun", blankRun > 0 ? blankRun : null)
                .build();
    }

    private void window(ShellLinkHeader header, LinkTarget target, List<Finding> findings) {
        if (header == null || !MINIMISED.contains(header.showCommand())) return;
        findings.add(Finding.of(
                        "lnk.minimized-window",
                        Severity.MEDIUM,
                        "the target starts with its window minimised or hidden")
                .with("showCommand", HeaderNames.showCommand(header.showCommand()))
                .with("target", evidence(target.shown()))
                .build());
    }

    /** An interpreter dressed in a document's or a system library's icon. */
    private void icon(ShortcutFacts facts, LinkTarget target, List<Finding> findings) {
        if (target.program() == null && target.script() == null) return;
        for (String location : new String[] {facts.iconLocation(), facts.iconEnvironmentTarget()}) {
            if (location == null || location.isBlank()) continue;
            String file = LinkTarget.fileName(location);
            if (rules.isDecoyIcon(file, LinkTarget.extension(file))) {
                findings.add(Finding.of(
                                "lnk.decoy-icon",
                                Severity.HIGH,
                                "the shortcut runs " + (target.program() != null ? target.program() : "a script")
                                        + " but shows the icon of " + evidence(file))
                        .with("iconLocation", evidence(location))
                        .with("iconIndex", facts.iconIndex())
                        .with("target", evidence(target.shown()))
                        .build());
                return;
            }
        }
    }

    private void zeroSize(ShellLinkHeader header, LinkTarget target, List<Finding> findings) {
        if (header == null
                || header.fileSize() != 0
                || (header.fileAttributes() & HeaderNames.FILE_ATTRIBUTE_DIRECTORY) != 0) return;
        String shown = target.shown();
        if (shown == null || LinkTarget.extension(LinkTarget.fileName(shown)).isEmpty()) return;
        findings.add(Finding.of(
                        "lnk.zero-target-size",
                        Severity.LOW,
                        "the header records a target file size of 0 for a file target, as shortcut builders leave it")
                .with("target", evidence(shown))
                .build());
    }

    private void remote(LinkTarget target, LinkInfo info, List<Finding> findings) {
        for (String path : target.withNetName(info)) {
            String kind = remoteKind(path);
            if (kind == null) continue;
            findings.add(Finding.of(
                            "lnk.remote-target", Severity.HIGH, "the shortcut's target is on a " + kind + " location")
                    .with("kind", kind)
                    .with("target", evidence(path))
                    .with("provider", info == null ? null : info.networkProviderType())
                    .build());
            return;
        }
    }

    /** "webdav", "unc", "url", or null for a local path. Device paths ({@code \\.\}, {@code \\?\C:}) are local. */
    static String remoteKind(String path) {
        String p = path.strip().toLowerCase(Locale.ROOT);
        if (WEBDAV.matcher(p).find()) return "webdav";
        if (p.startsWith("file:///")) return null;
        if (p.startsWith("file://") || p.startsWith("\\\\?\\unc\\")) return "unc";
        if (URL.matcher(p).find()) return "url";
        if (p.startsWith("\\\\") && !p.startsWith("\\\\.\\") && !p.startsWith("\\\\?\\")) return "unc";
        return null;
    }

    private void controlPanelFile(IdList idList, List<Finding> findings) {
        if (idList == null) return;
        idList.items().stream()
                .filter(ShellItem.ControlPanelFile.class::isInstance)
                .map(ShellItem.ControlPanelFile.class::cast)
                .findFirst()
                .ifPresent(cpl -> findings.add(Finding.of(
                                "lnk.control-panel-file",
                                Severity.HIGH,
                                "the shortcut's ID list names a control panel applet by file "
                                        + "path, the vehicle of CVE-2010-2568 exploits")
                        .with("path", evidence(cpl.path()))
                        .with("displayName", evidence(cpl.displayName()))
                        .build()));
    }

    private void appended(AppendedData appended, List<Finding> findings) {
        if (appended == null) return;
        findings.add(Finding.of(
                        "lnk.appended-data",
                        Severity.HIGH,
                        "bytes follow the shortcut's terminal block; they are analysed as an appended child")
                .with("offset", appended.offset())
                .with("size", appended.size())
                .with("sha256", appended.sha256())
                .build());
    }

    /** The machine name and MAC address cluster shortcuts made on one attacker machine. */
    private void tracker(Shortcut shortcut, List<Finding> findings) {
        shortcut.block(ExtraBlock.Tracker.class)
                .ifPresent(t -> findings.add(
                        Finding.of("lnk.tracker", Severity.INFO, "the shortcut records the machine it was made on")
                                .with("machineId", evidence(t.machineId()))
                                .with("mac", t.mac())
                                .with("droidVolumeId", t.droidVolumeId())
                                .with("droidFileId", t.droidFileId())
                                .with("birthDroidVolumeId", t.birthDroidVolumeId())
                                .with("birthDroidFileId", t.birthDroidFileId())
                                .build()));
    }

    /** Evidence text: blank padding shown as its length, so the part that matters fits; then {@link Evidence#text}. */
    static String evidence(String value) {
        if (value == null) return null;
        Matcher blanks = BLANKS.matcher(value);
        String shown =
                blanks.find() ? blanks.replaceAll(run -> "[" + run.group().length() + " blanks]") : value;
        return Evidence.text(shown);
    }
}
