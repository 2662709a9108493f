package dev.prefilter.mailscan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.ReportJson;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Structured log lines: one JSON object per line, built with the JSON encoder (never by string
 * concatenation), so a value such as an attacker-chosen attachment name is always escaped and
 * can neither break the line nor forge a field.
 */
public final class JsonLog {

    private final Consumer<String> sink;
    private final Clock clock;

    public JsonLog(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** A new line with timestamp, level and event name; add fields, then {@link #write(ObjectNode)}. */
    public ObjectNode line(String level, String event) {
        ObjectNode line = ReportJson.mapper().createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("event", event);
        return line;
    }

    public void write(ObjectNode line) {
        sink.accept(ReportJson.compact(line));
    }
}
