package dev.prefilter.engine.office.links;

import dev.prefilter.engine.model.Severity;
import java.util.Locale;

/** What the scheme of a link target means: protocol handlers that turned document links into exploits. */
public final class TargetSchemes {

    /** Schemes whose handler runs code when a document fetches the link, with the CVE that used it. */
    public enum Exploit {
        MSDT("ms-msdt:", Severity.CRITICAL, "CVE-2022-30190 (Follina): the MSDT handler runs PowerShell from the URL"),
        MHTML("mhtml:", Severity.CRITICAL, "CVE-2021-40444: MSHTML loads an ActiveX control from a remote page"),
        SEARCH(
                "search-ms:",
                Severity.HIGH,
                "a remote search window that shows the attacker's files as if they were local"),
        MS_OFFICECMD(
                "ms-officecmd:",
                Severity.HIGH,
                "the Office URI handler that was abused to start Teams/Office with arguments");

        private final String prefix;
        private final Severity severity;
        private final String why;

        Exploit(String prefix, Severity severity, String why) {
            this.prefix = prefix;
            this.severity = severity;
            this.why = why;
        }

        public Severity severity() {
            return severity;
        }

        public String why() {
            return why;
        }

        public String scheme() {
            return prefix.substring(0, prefix.length() - 1);
        }
    }

    private TargetSchemes() {}

    /**
     * The exploit-prone scheme a target uses, looking past wrappers such as
     * {@code mhtml:http://…!x-usc:}; null when none.
     */
    public static Exploit exploit(String target) {
        if (target == null) {
            return null;
        }
        String t = target.strip().toLowerCase(Locale.ROOT);
        for (Exploit e : Exploit.values()) {
            if (t.startsWith(e.prefix) || t.contains("!" + e.prefix) || t.contains("!x-usc:" + e.prefix)) {
                return e;
            }
        }
        return null;
    }

    /** Whether the target is fetched from another machine: a URL with a host or a UNC path. */
    public static boolean remote(String target) {
        if (target == null) {
            return false;
        }
        String t = target.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("http:")
                || t.startsWith("https:")
                || t.startsWith("ftp:")
                || t.startsWith("\\\\")
                || t.startsWith("//")
                || t.startsWith("file://") && !t.startsWith("file:///")
                || t.startsWith("file:////")
                || t.startsWith("file:///\\\\")
                || t.startsWith("webdav")
                || exploit(t) != null;
    }

    /** Whether the target names a file on a disk or share rather than a web resource. */
    public static boolean filePath(String target) {
        if (target == null) {
            return false;
        }
        String t = target.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("file:") || t.startsWith("\\\\") || t.matches("^[a-z]:[\\\\/].*");
    }
}
