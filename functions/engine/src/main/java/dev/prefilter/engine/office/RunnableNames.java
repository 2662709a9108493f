package dev.prefilter.engine.office;

import dev.prefilter.engine.detect.FileNames;
import java.util.Locale;
import java.util.Set;

/**
 * File names that Windows runs rather than opens, and the interpreters malspam commands start:
 * what turns a command line, a hyperlink or a linked file into code execution.
 */
public final class RunnableNames {

    private static final Set<String> RUNNABLE_EXTENSIONS = Set.of(
            "exe",
            "scr",
            "pif",
            "com",
            "cpl",
            "msi",
            "msp",
            "dll",
            "ocx",
            "sys",
            "bat",
            "cmd",
            "vbs",
            "vbe",
            "js",
            "jse",
            "wsf",
            "wsh",
            "wsc",
            "hta",
            "ps1",
            "psm1",
            "jar",
            "lnk",
            "url",
            "reg",
            "inf",
            "scf",
            "sct",
            "chm",
            "application",
            "appref-ms",
            "msc",
            "gadget",
            "settingcontent-ms",
            "library-ms",
            "searchconnector-ms",
            "iso",
            "img",
            "vhd",
            "vhdx");

    private static final Set<String> INTERPRETERS = Set.of(
            "cmd",
            "powershell",
            "pwsh",
            "mshta",
            "wscript",
            "cscript",
            "rundll32",
            "regsvr32",
            "msiexec",
            "certutil",
            "bitsadmin",
            "schtasks",
            "wmic",
            "msbuild",
            "installutil",
            "regasm",
            "regsvcs",
            "forfiles",
            "explorer",
            "msdt",
            "curl",
            "bash",
            "conhost",
            "hh",
            "pcalua",
            "control");

    private RunnableNames() {}

    /** Whether the last extension of {@code name} (a path or a URL path) is one Windows runs. */
    public static boolean runnableExtension(String name) {
        return name != null && RUNNABLE_EXTENSIONS.contains(FileNames.extension(stripQuery(name)));
    }

    /**
     * Whether a link target (URL, {@code file:} URL, UNC or drive path) names a file Windows runs.
     * Host names do not count ({@code https://example.com} is not a {@code .com} program); only
     * the path after the host does.
     */
    public static boolean runnableTarget(String target) {
        if (target == null) {
            return false;
        }
        String t = target.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:") || lower.startsWith("tel:") || lower.startsWith("#")) {
            return false;
        }
        int scheme = t.indexOf("://");
        if (scheme > 0 && !lower.startsWith("file:")) {
            int pathStart = t.indexOf('/', scheme + 3);
            if (pathStart < 0) {
                return false;
            }
            t = t.substring(pathStart);
        }
        return runnableExtension(t);
    }

    /**
     * Whether a command line starts a program: its first token names an interpreter or a file
     * with a runnable extension.
     */
    public static boolean startsProgram(String commandLine) {
        String first = firstToken(commandLine);
        if (first.isEmpty()) {
            return false;
        }
        if (runnableExtension(first)) {
            return true;
        }
        String stem = FileNames.stem(first).toLowerCase(Locale.ROOT);
        return INTERPRETERS.contains(stem);
    }

    /** The program part of a command line: a quoted string, or everything up to the first space. */
    public static String firstToken(String commandLine) {
        if (commandLine == null) {
            return "";
        }
        String s = commandLine.strip();
        if (s.startsWith("\"")) {
            int end = s.indexOf('"', 1);
            return end < 0 ? s.substring(1) : s.substring(1, end);
        }
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    private static String stripQuery(String name) {
        int cut = name.length();
        for (char c : new char[] {'?', '#'}) {
            int at = name.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return name.substring(0, cut);
    }
}
