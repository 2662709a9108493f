package dev.prefilter.engine.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.mime.HeaderValues;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * For mime4j's own reference trees ({@code email_edge/*.expected_decoded.xml}), the engine's
 * tree has the same leaf parts, with the same positions, types and file names.
 */
class Mime4jReferenceTreeTest {

    /** A leaf part: its position in mime4j's numbering (1_2_1), its media type, its file name. */
    record Leaf(String id, String type, String filename) {}

    @TestFactory
    Stream<DynamicTest> treeAgreesWithTheReference() {
        return Corpus.cases(root -> references(root).stream()
                .map(xml -> DynamicTest.dynamicTest(
                        root.relativize(xml).toString(), () -> treeAgreesWithTheReference(xml))));
    }

    private static List<Path> references(Path root) {
        try (Stream<Path> s = Files.list(root.resolve("email_edge"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".expected_decoded.xml"))
                    .sorted()
                    .toList();
            assertFalse(files.isEmpty(), "no reference trees under email_edge");
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void treeAgreesWithTheReference(Path xml) throws Exception {
        Path eml = Path.of(xml.toString().replace(".expected_decoded.xml", ""));
        List<Leaf> expected = referenceLeaves(xml);
        Report report = TestEngines.scanPath(eml);
        List<Leaf> actual = new ArrayList<>();
        ourLeaves(report.root(), "1", actual);

        assertEquals(expected, actual, eml.getFileName().toString());
        assertFalse(
                report.findings().stream().anyMatch(f -> f.code().startsWith("parse.")), "no parse findings on " + eml);
    }

    private static void ourLeaves(ReportNode message, String globalId, List<Leaf> into) {
        for (ReportNode child : message.children()) {
            if (child.origin() != Origin.MIME_PART) continue;
            String local = (String) child.facts().get("mimePart");
            String id = globalId + local.substring(1).replace('.', '_');
            if (child.declaredType() != null && child.declaredType().startsWith("message/")) {
                ourLeaves(child, id + "_1", into);
            } else {
                into.add(new Leaf(
                        id,
                        child.declaredType(),
                        child.facts().containsKey("mimePart") && isNamed(child) ? child.name() : null));
            }
        }
    }

    private static boolean isNamed(ReportNode node) {
        return !node.name().startsWith("part ") && !node.name().startsWith("body (");
    }

    private static final Pattern BODY_NAME = Pattern.compile("_decoded_([0-9_]+)\\.(txt|bin)$");

    private static List<Leaf> referenceLeaves(Path xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        List<Leaf> leaves = new ArrayList<>();
        collect(root, null, leaves);
        return leaves;
    }

    /** Depth-first: a text-body or binary-body is a leaf; its entity's header gives type and name. */
    private static void collect(Element element, Element header, List<Leaf> into) {
        Element ownHeader = header;
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("header")) ownHeader = e;
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) continue;
            switch (e.getTagName()) {
                case "text-body", "binary-body" -> {
                    Matcher m = BODY_NAME.matcher(e.getAttribute("name"));
                    if (!m.find()) throw new AssertionError("unexpected body name " + e.getAttribute("name"));
                    into.add(new Leaf(m.group(1), type(ownHeader), filename(ownHeader)));
                }
                case "message", "multipart" -> collect(e, e.getTagName().equals("multipart") ? ownHeader : null, into);
                case "body-part" -> collect(e, null, into);
                default -> {}
            }
        }
    }

    private static String field(Element header, String name) {
        if (header == null) return null;
        for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element f && f.getTagName().equals("field")) {
                String text = f.getTextContent().strip();
                int colon = text.indexOf(':');
                if (colon > 0 && text.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return text.substring(colon + 1)
                            .replaceAll("\\r?\\n[ \\t]+", " ")
                            .strip();
                }
            }
        }
        return null;
    }

    private static String type(Element header) {
        String value = field(header, "Content-Type");
        if (value == null) return "text/plain";
        return HeaderValues.parseStructured(value).value().toLowerCase(Locale.ROOT);
    }

    private static String filename(Element header) {
        String disposition = field(header, "Content-Disposition");
        String contentType = field(header, "Content-Type");
        String name = disposition == null
                ? null
                : HeaderValues.parseStructured(disposition).parameter("filename");
        if (name == null && contentType != null)
            name = HeaderValues.parseStructured(contentType).parameter("name");
        return name;
    }
}
