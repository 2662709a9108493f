package dev.prefilter.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers indicators from records' quarantine messages and reports: the flagged attachments'
 * hashes; URLs, domains and IP addresses that analyzers named (macro and XLM IOCs, shortcut
 * command lines, any URL in evidence); shortcut tracker machine ids and MAC addresses.
 */
final class IocCollector {

    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s\"'<>\\\\^`{|}]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}");

    private final Map<String, Map<String, TreeSet<String>>> found = new TreeMap<>();

    void addRecord(String recordId, JsonNode message, JsonNode report) {
        message.path("attachments").forEach(a -> add("sha256", a.path("sha256").asText(null), recordId));
        if (report != null) {
            findings(report.path("findings"), recordId);
        }
    }

    private void findings(JsonNode findings, String recordId) {
        for (JsonNode f : findings) {
            JsonNode evidence = f.path("evidence");
            String type = evidence.path("type").asText("");
            String value = evidence.path("value").asText(null);
            switch (type) {
                case "url" -> url(value, recordId);
                case "domain" -> add("domain", value == null ? null : value.toLowerCase(Locale.ROOT), recordId);
                case "ip" -> ip(value, recordId);
                default -> {}
            }
            if (f.path("code").asText().equals("lnk.tracker")) {
                add("lnk-machine-id", evidence.path("machineId").asText(null), recordId);
                String mac = evidence.path("mac").asText(null);
                if (mac != null && MAC.matcher(mac).matches()) {
                    add("mac", mac.toLowerCase(Locale.ROOT).replace('-', ':'), recordId);
                }
            }
            strings(evidence, recordId);
        }
    }

    /** Any URL in any evidence string (command lines, decoded strings, link targets). */
    private void strings(JsonNode node, String recordId) {
        if (node.isTextual()) {
            Matcher m = URL.matcher(node.asText());
            while (m.find()) {
                url(m.group(), recordId);
            }
        } else if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                strings(it.next(), recordId);
            }
        }
    }

    private void url(String value, String recordId) {
        if (value == null || !URL.matcher(value).lookingAt()) {
            return;
        }
        String url = value.replaceAll("[).,;]+$", "");
        add("url", url, recordId);
        try {
            String host = URI.create(url).getHost();
            if (host != null) {
                host = host.toLowerCase(Locale.ROOT);
                if (IPV4.matcher(host).matches() || host.startsWith("[")) {
                    ip(host.replace("[", "").replace("]", ""), recordId);
                } else {
                    add("domain", host, recordId);
                }
            }
        } catch (IllegalArgumentException e) {
            // not a URI Java can parse: the URL itself is kept, no host is derived
        }
    }

    private void ip(String value, String recordId) {
        if (value == null) {
            return;
        }
        add(value.contains(":") ? "ipv6" : "ipv4", value.toLowerCase(Locale.ROOT), recordId);
    }

    private void add(String type, String value, String recordId) {
        if (value == null || value.isBlank()) {
            return;
        }
        found.computeIfAbsent(type, t -> new TreeMap<>())
                .computeIfAbsent(value, v -> new TreeSet<>())
                .add(recordId);
    }

    List<Ioc> iocs() {
        List<Ioc> all = new ArrayList<>();
        found.forEach((type, values) -> values.forEach((value, records) -> all.add(new Ioc(type, value, records))));
        all.sort(Comparator.comparing(Ioc::type).thenComparing(Ioc::value));
        return all;
    }
}
