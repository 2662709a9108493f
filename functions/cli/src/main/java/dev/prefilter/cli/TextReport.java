package dev.prefilter.cli;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Reason;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import java.io.PrintWriter;
import java.util.List;

/** The human view of a report: verdict, reasons, then the attachment tree with its findings. */
final class TextReport {

    private static final String RESET = "\u001b[0m";
    private final boolean colour;

    TextReport(boolean colour) {
        this.colour = colour;
    }

    void render(Report report, PrintWriter out) {
        out.println(paint(bold(), Terminal.escape(report.input())) + "  " + verdict(report.verdict()) + "  score "
                + report.score() + "  (policy " + report.policy() + ", "
                + report.stats().durationMillis() + " ms)");
        if (report.mail() != null) {
            if (report.mail().from() != null)
                out.println("  From:    " + Terminal.escape(report.mail().from()));
            if (report.mail().subject() != null)
                out.println("  Subject: " + Terminal.escape(report.mail().subject()));
        }
        if (!report.reasons().isEmpty()) {
            out.println("  Reasons:");
            for (Reason r : report.reasons()) {
                out.println("    " + severity(r.severity()) + " " + r.code() + " (+" + r.weight()
                        + (r.verdict() != null ? ", " + r.verdict().label() : "") + ")  " + Terminal.escape(r.path()));
                out.println("        " + Terminal.escape(r.description()));
            }
        }
        out.println("  Tree:");
        node(report.root(), "    ", "", out);
        out.println();
    }

    private void node(ReportNode node, String indent, String branch, PrintWriter out) {
        out.println(indent + branch + paint(bold(), Terminal.escape(node.name())) + "  " + node.detectedType() + "  "
                + size(node.size())
                + (node.sha256() != null ? "  sha256:" + node.sha256().substring(0, 16) + "…" : ""));
        String childIndent = indent + (branch.isEmpty() ? "" : branch.startsWith("└") ? "   " : "│  ");
        for (Finding f : node.findings()) {
            if (f.severity() == Severity.INFO) continue;
            out.println(childIndent + "  " + severity(f.severity()) + " " + f.code() + ": "
                    + Terminal.escape(f.description()));
        }
        List<ReportNode> children = node.children();
        for (int i = 0; i < children.size(); i++) {
            node(children.get(i), childIndent, i == children.size() - 1 ? "└─ " : "├─ ", out);
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format("%.1f KiB", bytes / 1024.0);
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    private String verdict(Verdict v) {
        String code = switch (v) {
            case CLEAN -> "\u001b[1;32m";
            case SUSPICIOUS -> "\u001b[1;33m";
            case MALICIOUS -> "\u001b[1;31m";
        };
        return paint(code, v.label().toUpperCase());
    }

    private String severity(Severity s) {
        String code = switch (s) {
            case CRITICAL -> "\u001b[1;31m";
            case HIGH -> "\u001b[31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
            case INFO -> "\u001b[2m";
        };
        return paint(code, "[" + s.label() + "]");
    }

    private String bold() {
        return "\u001b[1m";
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
