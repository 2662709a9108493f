package dev.prefilter.engine.office.links;

import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.RunnableNames;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an external relationship means: which relationship types Office follows on its own
 * when the document opens (template, OLE link, frame, sub-document, linked workbook) and whether
 * the target is remote (a URL or a UNC share) or on the author's disk, which target schemes are
 * exploits, and which hyperlinks lead to a program. Ordinary web hyperlinks and remote media are
 * facts, not findings.
 */
public final class ExternalTargetClassifier {

    /** A classification: the finding code, its severity and why. */
    public record Verdict(String code, Severity severity, String description) {}

    /** An OLE link to a web page ending in "!": how Follina and CVE-2021-40444 documents load their HTML in MSHTML. */
    private static final Pattern MSHTML_LOADER = Pattern.compile("(?i)^\\s*https?://\\S+!\\s*$");

    /** Relationship types whose target Office loads by itself when the document opens. */
    private static final java.util.Set<String> FETCHED_ON_OPEN =
            java.util.Set.of("attachedtemplate", "oleobject", "frame", "subdocument");

    private ExternalTargetClassifier() {}

    /** Findings for one relationship; empty for internal targets and harmless external ones. */
    public static List<Verdict> classify(Relationship rel) {
        List<Verdict> out = new ArrayList<>();
        if (!rel.external() || rel.target() == null || rel.target().isBlank()) {
            return out;
        }
        String target = rel.target();
        TargetSchemes.Exploit exploit = TargetSchemes.exploit(target);
        if (exploit != null) {
            out.add(new Verdict(
                    "ooxml.link-" + exploit.scheme(),
                    exploit.severity(),
                    "an external relationship uses the " + exploit.scheme() + ": handler: " + exploit.why()));
        }
        String type = rel.type();
        if (FETCHED_ON_OPEN.contains(type) && !TargetSchemes.remote(target)) {
            // a template, linked object or sub-document on the author's own disk: common in business
            // documents (Normal.dotm under AppData, a linked chart) and nothing to fetch for a recipient
            out.add(new Verdict(
                    "ooxml.external-local-link",
                    Severity.INFO,
                    "a part of the document links to a file on the author's disk"));
            return out;
        }
        switch (type) {
            case "attachedtemplate" ->
                out.add(new Verdict(
                        "ooxml.external-template",
                        Severity.HIGH,
                        "the document loads its template from a remote host when it opens "
                                + "(remote template injection)"));
            case "oleobject" -> {
                if (MSHTML_LOADER.matcher(target).matches()) {
                    out.add(new Verdict(
                            "ooxml.external-ole-object-mshtml",
                            Severity.CRITICAL,
                            "an OLE object is linked to a web page with a trailing '!', which "
                                    + "Office renders with MSHTML: the delivery of Follina (CVE-2022-30190) "
                                    + "and CVE-2021-40444"));
                } else {
                    out.add(new Verdict(
                            "ooxml.external-ole-object",
                            Severity.HIGH,
                            "an OLE object is linked to a remote source that Office fetches when the document opens"));
                }
            }
            case "frame" ->
                out.add(new Verdict(
                        "ooxml.external-frame",
                        Severity.HIGH,
                        "the document has a frame loaded from a remote host when it opens"));
            case "subdocument" ->
                out.add(new Verdict(
                        "ooxml.external-subdocument",
                        Severity.HIGH,
                        "the document pulls in a sub-document from a remote host when it opens"));
            case "externallinkpath", "externallink" ->
                out.add(
                        TargetSchemes.remote(target)
                                ? new Verdict(
                                        "ooxml.external-workbook-link",
                                        Severity.HIGH,
                                        "the workbook links to another workbook on a remote host or share, "
                                                + "fetched when links update")
                                : new Verdict(
                                        "ooxml.external-workbook-link-local",
                                        Severity.INFO,
                                        "the workbook links to another workbook by path"));
            case "hyperlink" -> {
                if (RunnableNames.runnableTarget(target)) {
                    out.add(
                            TargetSchemes.filePath(target)
                                    ? new Verdict(
                                            "ooxml.hyperlink-to-program",
                                            Severity.HIGH,
                                            "a hyperlink opens a program or script from a disk or share when clicked")
                                    : new Verdict(
                                            "ooxml.hyperlink-download",
                                            Severity.LOW,
                                            "a hyperlink points at a program or script on the web"));
                }
            }
            case "image", "audio", "video", "media" -> {
                // remote media is common (web images pasted into documents): a fact, not a finding
            }
            default ->
                out.add(new Verdict(
                        "ooxml.external-relationship",
                        Severity.LOW,
                        "a part of the document refers to an external target"));
        }
        return out;
    }
}
