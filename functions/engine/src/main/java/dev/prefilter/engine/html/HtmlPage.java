package dev.prefilter.engine.html;

import dev.prefilter.engine.model.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A parsed HTML page and the code in it, gathered once for the checks: inline and external
 * scripts, event handlers, {@code javascript:} links, and all inline code as one text.
 *
 * @param scripts inline scripts (evidence text)
 * @param externalScripts {@code src} of external scripts (evidence text)
 * @param eventHandlers {@code tag[onevent]} of each event-handler attribute
 * @param javascriptLinks {@code href}, {@code src} or {@code action} values that start with {@code javascript:}
 * @param inlineCode the inline scripts and event handlers, one per line, as written
 */
record HtmlPage(
        Document document,
        List<String> scripts,
        List<String> externalScripts,
        List<String> eventHandlers,
        List<String> javascriptLinks,
        String inlineCode) {

    /** Script types that hold data or templates, not code a browser runs. */
    private static final Set<String> DATA_SCRIPT_TYPES = Set.of(
            "application/ld+json",
            "application/json",
            "text/template",
            "text/x-template",
            "text/html",
            "text/x-handlebars-template",
            "speculationrules",
            "importmap");

    static HtmlPage parse(String html) {
        Document document = Jsoup.parse(html);
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
        return new HtmlPage(document, scripts, external, handlers, jsLinks, inline.toString());
    }

    /** Code that runs when the page is opened ({@code javascript:} links wait for a click). */
    boolean hasScript() {
        return !scripts.isEmpty() || !externalScripts.isEmpty() || !eventHandlers.isEmpty();
    }
}
