package dev.prefilter.engine.office;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Indicators in macro text: URLs (Office schema namespaces excluded), IPv4 addresses, domains
 * (URL hosts, and quoted host names with a common TLD), executable file names.
 */
public final class Iocs {

    public enum Kind {
        URL,
        IP,
        DOMAIN,
        EXECUTABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One indicator and where in the text it starts. */
    public record Ioc(Kind kind, String value, int offset) {}

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s\"'<>()\\[\\]{}|\\\\^`]{3,2000}");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\d.])");
    private static final Pattern EXECUTABLE = Pattern.compile("(?i)(?<![\\w.\\-])[\\w\\-]{1,64}\\."
            + "(?:exe|pif|scr|msi|vbs|vbe|js|jse|wsf|wsh|bat|cmd|dll|hta|cpl|ps1|jar|lnk|reg|inf|sct)"
            + "(?![\\w.])");
    private static final Pattern QUOTED_HOST = Pattern.compile(
            "\"((?:[a-zA-Z0-9](?:[a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?\\.)+"
                    + "(?:com|net|org|info|biz|ru|su|cn|top|xyz|io|co|de|jp|uk|us|br|in|pw|tk|ml|ga|cf|gq"
                    + "|online|site|club|icu|cc|ws|me|eu|fr|it|nl|pl|kr|tw|vn|ir|ua|tr))\"",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> SCHEMA_HOSTS = Set.of(
            "schemas.openxmlformats.org",
            "schemas.microsoft.com",
            "www.w3.org",
            "purl.org",
            "ns.adobe.com",
            "schemas.xmlsoap.org");
    /** "ThisWorkbook.cmd" style member access looks like a file name; a real name is rarely a VBA object. */
    private static final Set<String> NOT_FILES = Set.of("wscript.com", "application.run.com");

    private Iocs() {}

    public static List<Ioc> find(String text) {
        List<Ioc> found = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String url = trimUrl(m.group());
            String host = host(url);
            if (host == null || SCHEMA_HOSTS.contains(host)) continue;
            add(found, seen, Kind.URL, url, m.start());
            if (!IPV4.matcher(host).matches()) add(found, seen, Kind.DOMAIN, host, m.start());
        }
        m = IPV4.matcher(text);
        while (m.find()) {
            String ip = m.group();
            if (ip.startsWith("0.") || ip.equals("255.255.255.255")) continue;
            add(found, seen, Kind.IP, ip, m.start());
        }
        m = QUOTED_HOST.matcher(text);
        while (m.find()) {
            String host = m.group(1).toLowerCase(Locale.ROOT);
            if (!SCHEMA_HOSTS.contains(host)) add(found, seen, Kind.DOMAIN, host, m.start(1));
        }
        m = EXECUTABLE.matcher(text);
        while (m.find()) {
            String name = m.group();
            if (!NOT_FILES.contains(name.toLowerCase(Locale.ROOT))) add(found, seen, Kind.EXECUTABLE, name, m.start());
        }
        return found;
    }

    private static void add(List<Ioc> into, Map<String, Boolean> seen, Kind kind, String value, int offset) {
        if (seen.putIfAbsent(kind + "\u0000" + value.toLowerCase(Locale.ROOT), Boolean.TRUE) == null) {
            into.add(new Ioc(kind, value, offset));
        }
    }

    private static String trimUrl(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?&".indexOf(url.charAt(end - 1)) >= 0) end--;
        return url.substring(0, end);
    }

    static String host(String url) {
        int start = url.indexOf("://");
        if (start < 0) return null;
        String rest = url.substring(start + 3);
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) authority = authority.substring(at + 1);
        int colon = authority.lastIndexOf(':');
        if (colon >= 0) authority = authority.substring(0, colon);
        authority = authority.toLowerCase(Locale.ROOT);
        return authority.isEmpty() ? null : authority;
    }
}
