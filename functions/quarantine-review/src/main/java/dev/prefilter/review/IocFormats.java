package dev.prefilter.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.ReportJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Indicators as CSV, JSON ({@code prefilter.iocs/1}) or a STIX 2.1 bundle of indicators. */
public final class IocFormats {

    private static final DateTimeFormatter STIX_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IocFormats() {}

    /** RFC 4180, one row per indicator; a cell that a spreadsheet would run as a formula is prefixed with '. */
    public static String csv(List<Ioc> iocs) {
        StringBuilder out = new StringBuilder("type,value,records\r\n");
        for (Ioc ioc : iocs) {
            out.append(cell(ioc.type()))
                    .append(',')
                    .append(cell(ioc.value()))
                    .append(',')
                    .append(cell(String.join(" ", ioc.records())))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    public static String json(List<Ioc> iocs, Instant generatedAt) {
        ObjectNode root = ReportJson.mapper().createObjectNode();
        root.put("schema", "prefilter.iocs/1");
        root.put("generatedAt", generatedAt.toString());
        ArrayNode list = root.putArray("iocs");
        for (Ioc ioc : iocs) {
            ObjectNode o = list.addObject().put("type", ioc.type()).put("value", ioc.value());
            ioc.records().forEach(o.putArray("records")::add);
        }
        return ReportJson.pretty(root);
    }

    /**
     * A STIX 2.1 bundle: one {@code indicator} per hash, URL, domain, IP and MAC address, with a
     * STIX pattern; tracker machine ids (no STIX object exists for them) become {@code note}s on the
     * indicators of the same records.
     */
    public static String stix(List<Ioc> iocs, Instant generatedAt) {
        String now = STIX_TIME.format(generatedAt.truncatedTo(ChronoUnit.MILLIS));
        ObjectNode bundle = ReportJson.mapper().createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + UUID.randomUUID());
        ArrayNode objects = bundle.putArray("objects");
        Map<String, List<String>> indicatorsByRecord = new HashMap<>();
        List<Ioc> machineIds = new ArrayList<>();
        for (Ioc ioc : iocs) {
            String pattern = pattern(ioc);
            if (pattern == null) {
                machineIds.add(ioc);
                continue;
            }
            String id = "indicator--" + UUID.randomUUID();
            ObjectNode indicator = objects.addObject();
            indicator.put("type", "indicator");
            indicator.put("spec_version", "2.1");
            indicator.put("id", id);
            indicator.put("created", now);
            indicator.put("modified", now);
            indicator.put("name", ioc.type() + " " + ioc.value());
            indicator.put(
                    "description",
                    "found by prefilter in " + ioc.records().size() + " quarantined mail(s): "
                            + String.join(", ", ioc.records()));
            indicator.putArray("indicator_types").add("malicious-activity");
            indicator.put("pattern", pattern);
            indicator.put("pattern_type", "stix");
            indicator.put("valid_from", now);
            indicator.putArray("labels").add("prefilter");
            ioc.records()
                    .forEach(r -> indicatorsByRecord
                            .computeIfAbsent(r, k -> new ArrayList<>())
                            .add(id));
        }
        for (Ioc machine : machineIds) {
            List<String> refs = new ArrayList<>();
            machine.records().forEach(r -> refs.addAll(indicatorsByRecord.getOrDefault(r, List.of())));
            if (refs.isEmpty()) {
                continue;
            }
            ObjectNode note = objects.addObject();
            note.put("type", "note");
            note.put("spec_version", "2.1");
            note.put("id", "note--" + UUID.randomUUID());
            note.put("created", now);
            note.put("modified", now);
            note.put("abstract", "Windows shortcut tracker machine id");
            note.put("content", "The shortcut was made on the machine named " + machine.value() + ".");
            refs.stream().distinct().forEach(note.putArray("object_refs")::add);
        }
        return ReportJson.pretty(bundle);
    }

    /** The STIX pattern for the indicator, or null when STIX has no object for its type. */
    static String pattern(Ioc ioc) {
        String v = literal(ioc.value());
        return switch (ioc.type()) {
            case "sha256" -> "[file:hashes.'SHA-256' = '" + v + "']";
            case "url" -> "[url:value = '" + v + "']";
            case "domain" -> "[domain-name:value = '" + v + "']";
            case "ipv4" -> "[ipv4-addr:value = '" + v + "']";
            case "ipv6" -> "[ipv6-addr:value = '" + v + "']";
            case "mac" -> "[mac-addr:value = '" + v + "']";
            default -> null;
        };
    }

    /** A STIX pattern string literal: backslash and quote escaped. */
    private static String literal(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }
}
