package dev.prefilter.engine.html;

import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** Turns a parsed HTML page into findings, one method per check. Stateless. */
final class HtmlChecks {

    private static final int SHOWN = 5;
    private static final int MAX_MARKERS = 8;
    private static final Pattern SMUGGLING =
            Pattern.compile("(?i)\\b(atob\\s*\\(|new\\s+Blob\\s*\\(|URL\\.createObjectURL"
                    + "|msSaveOrOpenBlob|msSaveBlob|Uint8Array\\s*\\(|\\.download\\s*=|fromCharCode)");

    private HtmlChecks() {}

    /** @param body the page is the mail's own body (no file name), not an attachment a browser opens */
    static List<Finding> check(HtmlPage page, boolean body) {
        List<Finding> findings = new ArrayList<>();
        script(page, body, findings);
        javascriptLinks(page, body, findings);
        smuggling(page, findings);
        if (!body) {
            passwordForm(page, findings);
            metaRefresh(page, findings);
        }
        return findings;
    }

    private static void script(HtmlPage page, boolean body, List<Finding> findings) {
        if (!page.hasScript()) return;
        findings.add(Finding.of(
                        body ? "html.body-script" : "html.script",
                        body ? Severity.MEDIUM : Severity.HIGH,
                        body
                                ? "the HTML body of the mail carries script (mail clients do not run it; it is unusual)"
                                : "HTML attachment with script: it runs in the browser when opened")
                .with("inlineScripts", page.scripts().size())
                .with("externalScripts", firstFew(page.externalScripts()))
                .with("eventHandlers", firstFew(page.eventHandlers()))
                .build());
    }

    /** A {@code javascript:} URL runs only when the reader clicks it: a finding of its own, below a script's. */
    private static void javascriptLinks(HtmlPage page, boolean body, List<Finding> findings) {
        if (page.javascriptLinks().isEmpty()) return;
        findings.add(Finding.of(
                        "html.javascript-link",
                        body ? Severity.LOW : Severity.MEDIUM,
                        "a link runs script when it is clicked (javascript: URL)")
                .with("links", firstFew(page.javascriptLinks()))
                .with("count", page.javascriptLinks().size())
                .build());
    }

    /** Two smuggling markers in the code, or one and a download link: a file is built in the browser. */
    private static void smuggling(HtmlPage page, List<Finding> findings) {
        Matcher smuggling = SMUGGLING.matcher(page.inlineCode());
        List<String> markers = new ArrayList<>();
        while (smuggling.find() && markers.size() < MAX_MARKERS) {
            String marker = smuggling.group(1).replaceAll("\\s+", "");
            if (!markers.contains(marker)) markers.add(marker);
        }
        boolean downloadAttr = !page.document().select("a[download]").isEmpty();
        if (markers.size() >= 2 || (downloadAttr && !markers.isEmpty())) {
            findings.add(Finding.of(
                            "html.smuggling",
                            Severity.HIGH,
                            "the page builds a file in the browser from embedded data (HTML smuggling)")
                    .with("markers", markers)
                    .with("downloadAttribute", downloadAttr)
                    .build());
        }
    }

    private static void passwordForm(HtmlPage page, List<Finding> findings) {
        if (page.document().select("input[type=password]").isEmpty()) return;
        findings.add(Finding.of(
                        "html.password-form",
                        Severity.HIGH,
                        "HTML attachment asks for a password: a credential-phishing page")
                .with(
                        "formActions",
                        page.document().select("form[action]").eachAttr("action").stream()
                                .map(Evidence::text)
                                .limit(SHOWN)
                                .toList())
                .build());
    }

    private static void metaRefresh(HtmlPage page, List<Finding> findings) {
        Element refresh = page.document().selectFirst("meta[http-equiv~=(?i)refresh]");
        if (refresh == null) return;
        findings.add(Finding.of("html.meta-refresh", Severity.LOW, "the page redirects elsewhere when opened")
                .with("content", Evidence.text(refresh.attr("content")))
                .build());
    }

    private static List<String> firstFew(List<String> values) {
        return values.isEmpty() ? null : values.subList(0, Math.min(SHOWN, values.size()));
    }
}
