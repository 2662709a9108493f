package dev.prefilter.engine.office.odf;

import dev.prefilter.engine.fixtures.Archives;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** OpenDocument files with macros, zipped and flat, laid out as LibreOffice saves them. */
final class OdfFixtures {

    static final String AUTO_OPEN_EVENT = "<office:scripts><office:event-listeners>"
            + "<script:event-listener script:language=\"ooo:script\" script:event-name=\"dom:load\""
            + " xlink:href=\"vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document\""
            + " xlink:type=\"simple\"/></office:event-listeners></office:scripts>";

    private static final String NAMESPACES = " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:script=\"urn:oasis:names:tc:opendocument:xmlns:script:1.0\""
            + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
            + " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
            + " xmlns:ooo=\"http://openoffice.org/2004/office\"";

    private OdfFixtures() {}

    /** A zipped .odt: mimetype first, content.xml with the given scripts element, Basic modules. */
    static byte[] odt(String scripts, Map<String, String> basicModules) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("mimetype", utf8("application/vnd.oasis.opendocument.text"));
        parts.put(
                "content.xml",
                utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content" + NAMESPACES
                        + " office:version=\"1.3\">" + scripts
                        + "<office:body><office:text><text:p>Order 4711</text:p></office:text></office:body>"
                        + "</office:document-content>"));
        if (!basicModules.isEmpty()) {
            parts.put(
                    "Basic/script-lc.xml",
                    utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE library:libraries PUBLIC"
                            + " \"-//OpenOffice.org//DTD OfficeDocument 1.0//EN\" \"libraries.dtd\">\n"
                            + "<library:libraries xmlns:library=\"http://openoffice.org/2000/library\""
                            + " xmlns:xlink=\"http://www.w3.org/1999/xlink\"><library:library library:name=\"Standard\""
                            + " library:link=\"false\"/></library:libraries>"));
            parts.put(
                    "Basic/Standard/script-lb.xml",
                    utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<library:library"
                            + " xmlns:library=\"http://openoffice.org/2000/library\" library:name=\"Standard\""
                            + " library:readonly=\"false\" library:passwordprotected=\"false\"/>"));
            basicModules.forEach((name, source) -> parts.put(
                    "Basic/Standard/" + name + ".xml",
                    utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE script:module PUBLIC"
                            + " \"-//OpenOffice.org//DTD OfficeDocument 1.0//EN\" \"module.dtd\">\n"
                            + "<script:module xmlns:script=\"http://openoffice.org/2000/script\" script:name=\"" + name
                            + "\" script:language=\"StarBasic\" script:moduleType=\"normal\">" + escape(source)
                            + "</script:module>")));
        }
        return Archives.zip(parts);
    }

    /** A flat .fodt holding the given elements before its body (scripts) and inside it (objects). */
    static byte[] fodt(String scripts, String bodyExtra) {
        return utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document" + NAMESPACES
                + " office:version=\"1.3\" office:mimetype=\"application/vnd.oasis.opendocument.text\">" + scripts
                + "<office:body><office:text><text:p>Order 4711</text:p>" + bodyExtra
                + "</office:text></office:body></office:document>\n");
    }

    /** The office:scripts element of a flat file with one embedded Basic module and optional events. */
    static String flatScripts(String module, String source, String events) {
        return "<office:scripts><office:script script:language=\"ooo:Basic\"><ooo:libraries>"
                + "<ooo:library-embedded ooo:name=\"Standard\"><ooo:module ooo:name=\"" + module + "\">"
                + "<ooo:source-code>" + escape(source) + "</ooo:source-code></ooo:module></ooo:library-embedded>"
                + "</ooo:libraries></office:script>" + events + "</office:scripts>";
    }

    static String flatEvents(String eventName, String href) {
        return "<office:event-listeners><script:event-listener script:language=\"ooo:script\" script:event-name=\""
                + eventName + "\" xlink:href=\"" + escape(href) + "\" xlink:type=\"simple\"/></office:event-listeners>";
    }

    static String oleObject(byte[] ole2) {
        return "<text:p><draw:frame><draw:object-ole><office:binary-data>"
                + Base64.getMimeEncoder().encodeToString(ole2)
                + "</office:binary-data></draw:object-ole></draw:frame></text:p>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
