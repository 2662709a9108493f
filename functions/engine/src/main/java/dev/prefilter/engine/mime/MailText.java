package dev.prefilter.engine.mime;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Readable text of a mail body part, line structure kept (passwords sit on their own lines). */
public final class MailText {

    private MailText() {}

    public static String fromHtml(String html) {
        Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false);
        document.select("script, style, head").remove();
        document.select("br").before("\n");
        document.select("p, div, tr, li, h1, h2, h3, h4, h5, h6, table, blockquote, pre")
                .after("\n");
        document.select("td, th").after(" ");
        return document.wholeText();
    }
}
