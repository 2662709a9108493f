package dev.prefilter.review.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.mailscan.quarantine.QuarantineRecord;
import dev.prefilter.mailscan.quarantine.RecordEvent;
import dev.prefilter.review.RecordDetails;
import java.io.PrintWriter;
import java.util.List;

/**
 * A record told as a story, for a person at a terminal: the mail, the verdict and why, the
 * attachment tree with what matters under each node, and what happened to the record since.
 * Every value from the mail goes through {@link Screen}.
 */
final class StoryPrinter {

    /** Evidence worth a line of its own under a finding, in this order. */
    private static final List<String> EVIDENCE = List.of(
            "password",
            "passwordSource",
            "keyword",
            "module",
            "line",
            "code",
            "command",
            "target",
            "arguments",
            "value",
            "urls",
            "machineId",
            "mac",
            "allowList");

    /** Shortcut facts an administrator looks for first. */
    private static final List<String> SHORTCUT = List.of("targetPath", "arguments", "workingDir", "iconLocation");

    private final PrintWriter out;

    StoryPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(RecordDetails details) {
        QuarantineRecord record = details.record();
        JsonNode message = record.message();
        JsonNode mail = message.path("mail");
        out.println("Record   " + record.id());
        out.println("State    " + record.state().label()
                + (record.state().label().equals("held") && "clean".equals(record.verdict())
                        ? " (a re-scan found it clean; release it to deliver it)"
                        : ""));
        out.println("Mail     " + Screen.text(record.mail().location(), 1000));
        out.println("From     " + Screen.text(mail.path("from").asText(null), 300));
        out.println("To       " + Screen.text(String.join(", ", texts(mail.path("to"))), 500));
        out.println("Subject  " + Screen.text(mail.path("subject").asText(null), 500));
        out.println("Msg-ID   " + Screen.text(mail.path("messageId").asText(null), 300));
        out.println("Verdict  " + record.verdict() + ", score "
                + record.lastScan().scoreAfter() + ", policy "
                + record.lastScan().policy() + ", engine " + record.lastScan().engine());
        out.println();
        out.println("Why");
        JsonNode report = details.report();
        JsonNode reasons = report != null ? report.path("reasons") : message.path("reasons");
        for (JsonNode r : reasons) {
            out.println("  " + String.format("%-9s", r.path("severity").asText()) + " "
                    + Screen.text(r.path("code").asText(), 80) + "  at "
                    + Screen.text(r.path("path").asText(), 300));
            if (r.hasNonNull("description")) {
                out.println("            " + Screen.text(r.path("description").asText(), 300));
            }
        }
        if (report != null) {
            out.println();
            out.println("Attachments");
            node(report.path("root"), 1);
        } else {
            out.println("(the report " + Screen.text(record.lastScan().reportKey(), 300) + " could not be read)");
        }
        out.println();
        out.println("Flagged attachments (samples)");
        for (JsonNode a : message.path("attachments")) {
            out.println("  " + Screen.text(a.path("path").asText(), 300) + "  sha256 "
                    + a.path("sha256").asText()
                    + (a.path("sample").isMissingNode()
                            ? ""
                            : "  s3://" + a.path("sample").path("bucket").asText() + "/"
                                    + Screen.text(a.path("sample").path("key").asText(), 300)));
        }
        out.println();
        out.println("History");
        for (RecordEvent e : record.events()) {
            out.println("  " + e.at() + "  " + history(e)
                    + (record.finished().contains(e.seq()) || e.isScan()
                            ? ""
                            : "  [follow-up steps not finished: run the same command again]"));
        }
        out.flush();
    }

    private static String history(RecordEvent e) {
        if (e.isScan()) {
            return e.type() + " by " + Screen.text(e.actor(), 200) + ": "
                    + (e.verdictBefore() == null ? "" : e.verdictBefore() + " -> ") + e.verdictAfter() + " (score "
                    + e.scoreAfter() + ", policy " + e.policy() + ")";
        }
        return e.type() + " by " + Screen.text(e.actor(), 200) + ": " + e.stateBefore() + " -> " + e.stateAfter()
                + (Boolean.TRUE.equals(e.purge()) ? ", mail purged" : "") + "; reason: " + Screen.text(e.reason(), 500);
    }

    private void node(JsonNode node, int depth) {
        String indent = "  ".repeat(depth);
        out.println(indent + Screen.text(node.path("name").asText(), 200) + "  "
                + node.path("detectedType").asText("-") + "  "
                + node.path("size").asLong() + " B"
                + (node.hasNonNull("sha256") ? "  sha256 " + node.path("sha256").asText() : ""));
        JsonNode lnk = node.path("facts").path("lnk");
        for (String key : SHORTCUT) {
            if (lnk.hasNonNull(key)) {
                out.println(indent + "  shortcut " + key + ": "
                        + Screen.text(lnk.path(key).asText(), 1000));
            }
        }
        for (JsonNode f : node.path("findings")) {
            out.println(indent + "  - " + f.path("severity").asText() + " "
                    + Screen.text(f.path("code").asText(), 80) + ": "
                    + Screen.text(f.path("description").asText(), 300));
            JsonNode evidence = f.path("evidence");
            for (String key : EVIDENCE) {
                if (evidence.has(key)) {
                    JsonNode v = evidence.get(key);
                    out.println(indent + "      " + key + ": "
                            + Screen.text(v.isValueNode() ? v.asText() : v.toString(), 500));
                }
            }
        }
        for (JsonNode child : node.path("children")) {
            node(child, depth + 1);
        }
    }

    private static List<String> texts(JsonNode array) {
        java.util.List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
