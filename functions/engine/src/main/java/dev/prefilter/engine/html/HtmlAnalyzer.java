package dev.prefilter.engine.html;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.mime.TextDecoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * HTML attachments and bodies: scripts, event handlers, {@code javascript:} links, HTML
 * smuggling (a file built in the browser from an embedded blob) and credential forms, each a
 * check of {@link HtmlChecks} on the {@link HtmlPage}. Embedded {@code data:} payloads and large
 * base64 blobs go back to the engine as decoded children.
 */
public final class HtmlAnalyzer implements Analyzer {

    private static final int MAX_HTML = 8 * 1024 * 1024;
    private static final int MIN_BLOB = 1024;
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
        HtmlPage page = HtmlPage.parse(TextDecoding.guess(bytes, bytes.length));
        HtmlChecks.check(page, !ctx.node().named()).forEach(ctx::report);
        extractPayloads(ctx, page.document(), page.inlineCode());
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
