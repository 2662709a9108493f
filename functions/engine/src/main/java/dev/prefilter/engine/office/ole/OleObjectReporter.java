package dev.prefilter.engine.office.ole;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.detect.FileNames;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.RunnableNames;
import dev.prefilter.engine.office.links.TargetSchemes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the objects found in a document into findings, facts and children. Shared by every
 * analyzer that finds OLE objects (OLE2 and OOXML documents, RTF), so that an object means the
 * same wherever it was found. Payloads go back to the engine as {@link Origin#EMBEDDED} children:
 * their own type decides the verdict (a package holding a .txt stays clean, one holding an .exe
 * is an executable one double-click away).
 */
public final class OleObjectReporter {

    private final AnalysisContext ctx;
    private final List<Map<String, Object>> facts;
    private boolean childrenRefused;

    public OleObjectReporter(AnalysisContext ctx, List<Map<String, Object>> facts) {
        this.ctx = ctx;
        this.facts = facts;
    }

    public void report(OleObject object) throws IOException {
        ctx.checkTime();
        if (object instanceof OleObject.PackageObject p) {
            reportPackage(p.location(), p.pkg());
        } else if (object instanceof OleObject.MalformedPackage m) {
            ctx.report(Finding.of(
                            "parse.ole-package",
                            Severity.HIGH,
                            "an OLE Package object could not be read; its content is handed on as raw data")
                    .with("location", Evidence.text(m.location()))
                    .with("error", Evidence.text(m.error()))
                    .build());
            fact(m.location(), "package-malformed", ordered("error", Evidence.text(m.error())));
            child(ChildSpec.labelled(m.location() + "/Ole10Native", Origin.EMBEDDED), m.nativeData());
        } else if (object instanceof OleObject.NativeData n) {
            fact(n.location(), "native-data", ordered("size", n.data().length));
            child(ChildSpec.labelled(n.location() + "/Ole10Native", Origin.EMBEDDED), n.data());
        } else if (object instanceof OleObject.EmbeddedDocument d) {
            ctx.report(Finding.of(
                            "ole.embedded-document",
                            Severity.INFO,
                            "a document is embedded as an object; it is analysed as a child")
                    .with("location", Evidence.text(d.location()))
                    .with("kind", d.kind())
                    .with("size", d.bytes().length)
                    .build());
            fact(d.location(), "document", ordered("documentKind", d.kind(), "size", d.bytes().length));
            child(ChildSpec.labelled(d.location(), Origin.EMBEDDED).withFact("oleLocation", d.location()), d.bytes());
        } else if (object instanceof OleObject.EquationEditor e) {
            ctx.report(Finding.of(
                            "ole.equation-editor",
                            Severity.HIGH,
                            "Microsoft Equation Editor 3.0 object: the component exploited "
                                    + "by CVE-2017-11882 and CVE-2018-0802")
                    .with("location", Evidence.text(e.location()))
                    .with("evidence", e.evidence())
                    .build());
            fact(e.location(), "equation-editor", ordered("evidence", e.evidence()));
        } else if (object instanceof OleObject.LinkedObject l) {
            reportLink(l);
        } else if (object instanceof OleObject.CountLimit c) {
            ctx.report(Finding.of(
                            "limit.ole-object-count",
                            Severity.HIGH,
                            "the document holds more than " + c.limit() + " embedded objects; the rest were not opened")
                    .with("limit", c.limit())
                    .build());
        } else if (object instanceof OleObject.Oversized o) {
            ctx.report(Finding.of(
                            "limit.ole-object-size",
                            Severity.HIGH,
                            "an embedded object is larger than the in-memory bound and was not opened")
                    .with("location", Evidence.text(o.location()))
                    .with("size", o.size())
                    .with("limit", o.limit())
                    .build());
            fact(o.location(), "oversized", ordered("size", o.size()));
        }
    }

    private void reportPackage(String location, OlePackage pkg) throws IOException {
        if (pkg.kind() == OlePackage.Kind.COMMAND) {
            String command = pkg.command() == null ? "" : pkg.command();
            ctx.report(Finding.of(
                            "ole.package-command",
                            Severity.CRITICAL,
                            "an OLE Package runs a command line (or opens a linked file) when its icon is activated")
                    .with("command", Evidence.text(command))
                    .with("label", Evidence.text(pkg.label()))
                    .with("startsProgram", RunnableNames.startsProgram(command))
                    .with("location", Evidence.text(location))
                    .build());
            fact(
                    location,
                    "package-command",
                    ordered("command", Evidence.text(command), "label", Evidence.text(nullToEmpty(pkg.label()))));
            return;
        }
        String name = pkg.fileName();
        ctx.report(Finding.of(
                        "ole.package", Severity.INFO, "an OLE Package carries a file; the file is analysed as a child")
                .with("fileName", Evidence.text(name))
                .with("label", Evidence.text(pkg.label()))
                .with("sourcePath", Evidence.text(pkg.sourcePath()))
                .with("tempPath", Evidence.text(pkg.tempPath()))
                .with("size", pkg.data().length)
                .with("location", Evidence.text(location))
                .build());
        String labelExt = FileNames.extension(nullToEmpty(pkg.label()));
        String realExt = FileNames.extension(name);
        if (!labelExt.isEmpty() && !labelExt.equals(realExt)) {
            ctx.report(Finding.of(
                            "ole.package-label-disguise",
                            Severity.MEDIUM,
                            "the caption of an OLE Package names another file type than the file it opens")
                    .with("label", Evidence.text(pkg.label()))
                    .with("fileName", Evidence.text(name))
                    .build());
        }
        if (pkg.truncated()) {
            ctx.report(Finding.of(
                            "parse.ole-package",
                            Severity.HIGH,
                            "an OLE Package declares more data than it holds; the part present is analysed")
                    .with("location", Evidence.text(location))
                    .with("fileName", Evidence.text(name))
                    .build());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("fileName", Evidence.text(name));
        extra.put("size", pkg.data().length);
        fact(location, "package", extra);
        ChildSpec spec = name.isEmpty()
                ? ChildSpec.labelled(location + "/package", Origin.EMBEDDED)
                : ChildSpec.named(name, Origin.EMBEDDED);
        spec = spec.withFact("oleLocation", location)
                .withFact("packageLabel", pkg.label())
                .withFact("packageSourcePath", pkg.sourcePath())
                .withFact("packageTempPath", pkg.tempPath());
        child(spec, pkg.data());
    }

    private void reportLink(OleObject.LinkedObject link) {
        TargetSchemes.Exploit exploit = TargetSchemes.exploit(link.target());
        Finding.Builder finding;
        if (exploit != null) {
            finding = Finding.of(
                    "ole.link-" + exploit.scheme(),
                    exploit.severity(),
                    "a linked OLE object uses the " + exploit.scheme() + ": handler: " + exploit.why());
        } else if (link.target() != null && !TargetSchemes.remote(link.target())) {
            finding = Finding.of(
                    "ole.link-local", Severity.INFO, "an OLE object is linked to a file on the author's disk");
        } else {
            finding = Finding.of(
                    "ole.link",
                    Severity.HIGH,
                    "an OLE object is linked to a remote (or unreadable) source that "
                            + "Office fetches to update it (the CVE-2017-0199 mechanism)");
        }
        ctx.report(finding.with("target", Evidence.text(link.target()))
                .with("updatesOnOpen", link.alwaysUpdate())
                .with("location", Evidence.text(link.location()))
                .build());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("target", Evidence.text(nullToEmpty(link.target())));
        extra.put("updatesOnOpen", link.alwaysUpdate());
        fact(link.location(), "link", extra);
    }

    private void child(ChildSpec spec, byte[] data) throws IOException {
        if (childrenRefused) {
            return;
        }
        if (!ctx.child(spec, new ByteArrayInputStream(data))) {
            childrenRefused = true;
        }
    }

    private void fact(String location, String kind, Map<String, Object> extra) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("location", Evidence.text(location));
        f.put("kind", kind);
        f.putAll(extra);
        facts.add(f);
    }

    /** Facts keep their key order (Map.of has none, which would reorder reports between runs). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
