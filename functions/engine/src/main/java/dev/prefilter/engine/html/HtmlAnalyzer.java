package dev.prefilter.engine.html;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.mime.TextDecoding;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * HTML attachments and bodies: scripts, event handlers, {@code javascript:} links, HTML
 * smuggling (a file built in the browser from an embedded blob) and credential forms. Embedded
 * {@code data:} payloads and large base64 blobs go back to the engine as decoded children.
 */
public final class HtmlAnalyzer implements Analyzer {

    private static final int MAX_HTML = 8 * 1024 * 1024;
    private static final int MIN_BLOB = 1024;
    private static final Set<String> DATA_SCRIPT_TYPES = Set.of(
            "application/ld+json",
            "application/json",
            "text/template",
            "text/x-template",
            "text/html",
            "text/x-handlebars-template",
            "speculationrules",
            "importmap");
    private static final Pattern SMUGGLING = Pattern.compile(
            "(?i)\\b(atob\\s*\\(|new\\s+Blob\\s*\\(|URL\\.createObjectURL|msSaveOrOpenBlob|msSaveBlob|Uint8Array\\s*\\(|\\.download\\s*=|fromCharCode)");
    private static final Pattern BASE64_LITERAL =
            Pattern.compile("[\"'`]([A-Za-z0-9+/\\r\\n\\\\]{" + MIN_BLOB + ",}={0,2})[\"'`]");

    @Override
    public String name() {
        return "html";
    }

    private static final Set<String> HTML_TYPES =
            Set.of("text/html", "application/xhtml+xml", "application/hta", "image/svg+xml");
    private static final Set<String> HTML_EXTENSIONS =
            Set.of("html", "htm", "shtml", "xhtml", "hta", "svg", "mht", "mhtml");

    /** By content, or by extension for text that a browser opens as HTML because of its name. */
    @Override
    public boolean accepts(NodeInfo node) {
        String t = node.detectedType();
        if (HTML_TYPES.contains(t)) return true;
        return HTML_EXTENSIONS.contains(node.extension()) && (t.startsWith("text/") || t.equals("application/xml"));
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        byte[] bytes = ctx.content().head(MAX_HTML);
        String html = TextDecoding.guess(bytes, bytes.length);
        Document document = Jsoup.parse(html);
        boolean body = !ctx.node().named();

        List<String> scripts = new ArrayList<>();
        List<String> external = new ArrayList<>();
        StringBuilder inline = new StringBuilder();
        for (Element script : document.select("script")) {
            String type = script.attr("type").toLowerCase(Locale.ROOT).trim();
            if (DATA_SCRIPT_TYPES.contains(type)) continue;
            if (script.hasAttr("src")) {
                external.add(Evidence.text(script.attr("src")));
            } else {
                inline.append(script.data()).append('\n');
                scripts.add(Evidence.text(script.data().strip()));
            }
        }
        List<String> handlers = new ArrayList<>();
        List<String> jsLinks = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String key = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue().strip().toLowerCase(Locale.ROOT);
                if (key.startsWith("on") && key.length() > 3) {
                    handlers.add(element.tagName() + "[" + key + "]");
                    inline.append(attribute.getValue()).append('\n');
                } else if ((key.equals("href") || key.equals("src") || key.equals("action"))
                        && value.startsWith("javascript:")) {
                    jsLinks.add(Evidence.text(attribute.getValue()));
                }
            }
        }
        boolean hasScript = !scripts.isEmpty() || !external.isEmpty() || !handlers.isEmpty() || !jsLinks.isEmpty();
        if (hasScript) {
            ctx.report(Finding.of(
                            body ? "html.body-script" : "html.script",
                            body ? Severity.MEDIUM : Severity.HIGH,
                            body
                                    ? "the HTML body of the mail carries script (mail clients do not run it; it is unusual)"
                                    : "HTML attachment with script: it runs in the browser when opened")
                    .with("inlineScripts", scripts.size())
                    .with(
                            "externalScripts",
                            external.isEmpty() ? null : external.subList(0, Math.min(5, external.size())))
                    .with(
                            "eventHandlers",
                            handlers.isEmpty() ? null : handlers.subList(0, Math.min(5, handlers.size())))
                    .with("javascriptLinks", jsLinks.isEmpty() ? null : jsLinks.subList(0, Math.min(5, jsLinks.size())))
                    .build());
        }
        Matcher smuggling = SMUGGLING.matcher(inline);
        List<String> markers = new ArrayList<>();
        while (smuggling.find() && markers.size() < 8) {
            String marker = smuggling.group(1).replaceAll("\\s+", "");
            if (!markers.contains(marker)) markers.add(marker);
        }
        boolean downloadAttr = !document.select("a[download]").isEmpty();
        if (markers.size() >= 2 || (downloadAttr && !markers.isEmpty())) {
            ctx.report(Finding.of(
                            "html.smuggling",
                            Severity.HIGH,
                            "the page builds a file in the browser from embedded data (HTML smuggling)")
                    .with("markers", markers)
                    .with("downloadAttribute", downloadAttr)
                    .build());
        }
        if (!body && !document.select("input[type=password]").isEmpty()) {
            ctx.report(Finding.of(
                            "html.password-form",
                            Severity.HIGH,
                            "HTML attachment asks for a password: a credential-phishing page")
                    .with(
                            "formActions",
                            document.select("form[action]").eachAttr("action").stream()
                                    .map(Evidence::text)
                                    .limit(5)
                                    .toList())
                    .build());
        }
        Element refresh = document.selectFirst("meta[http-equiv~=(?i)refresh]");
        if (refresh != null && !body) {
            ctx.report(Finding.of("html.meta-refresh", Severity.LOW, "the page redirects elsewhere when opened")
                    .with("content", Evidence.text(refresh.attr("content")))
                    .build());
        }
        extractPayloads(ctx, document, inline);
    }

    private void extractPayloads(AnalysisContext ctx, Document document, CharSequence scripts) throws IOException {
        int index = 0;
        for (Element element : document.select("[href^=data:], [src^=data:]")) {
            String uri = element.hasAttr("href") ? element.attr("href") : element.attr("src");
            int comma = uri.indexOf(',');
            if (comma < 0 || !uri.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) continue;
            byte[] data = decode(uri.substring(comma + 1));
            if (data == null || data.length < 16) continue;
            String type = uri.substring(5, comma).split(";")[0];
            if (type.startsWith("image/")) continue;
            String name =
                    element.hasAttr("download") && !element.attr("download").isBlank()
                            ? element.attr("download")
                            : null;
            ChildSpec spec = name != null
                    ? ChildSpec.named(name, Origin.DECODED)
                    : ChildSpec.labelled("data uri " + (++index), Origin.DECODED);
            if (!ctx.child(spec.withDeclaredType(type.isBlank() ? null : type), new ByteArrayInputStream(data))) return;
        }
        Matcher blob = BASE64_LITERAL.matcher(scripts);
        while (blob.find()) {
            ctx.checkTime();
            byte[] data =
                    decode(blob.group(1).replace("\\r", "").replace("\\n", "").replace("\\", ""));
            if (data == null || data.length < MIN_BLOB / 2) continue;
            if (!ctx.child(
                    ChildSpec.labelled("script blob " + (++index), Origin.DECODED), new ByteArrayInputStream(data)))
                return;
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
