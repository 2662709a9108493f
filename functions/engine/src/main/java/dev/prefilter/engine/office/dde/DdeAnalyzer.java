package dev.prefilter.engine.office.dde;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.OfficeTypes;
import dev.prefilter.engine.office.Ole2Files;
import dev.prefilter.engine.office.OoxmlZip;
import dev.prefilter.engine.office.PartTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.RecordFormatException;

/**
 * Finds Dynamic Data Exchange, the way to run a command from a document without macros:
 * {@code DDE}/{@code DDEAUTO} fields in Word (binary, OOXML, Flat OPC, Word 2003 XML), DDE links (binary,
 * OOXML, Excel 2003 XML) and {@code service|'topic'!item} formulas in Excel, and the same formulas
 * in CSV and SYLK files that Excel opens as sheets.
 */
public final class DdeAnalyzer implements Analyzer {

    private static final String WORD_2003_XML = OfficeTypes.WORD_2003_XML;
    private static final String EXCEL_2003_XML = OfficeTypes.EXCEL_2003_XML;
    private static final Set<String> SHEET_TEXT_TYPES = Set.of("text/csv", "application/x-sylk");

    @Override
    public String name() {
        return "dde";
    }

    /** Objects, links and DDE are one aspect of a document: its macros still need their own analyzer. */
    @Override
    public boolean completesInspection() {
        return false;
    }

    @Override
    public boolean accepts(NodeInfo node) {
        String t = OfficeTypes.base(node);
        return t.equals(OfficeTypes.WORD_97)
                || t.equals(OfficeTypes.EXCEL_97)
                || t.equals(WORD_2003_XML)
                || t.equals(OfficeTypes.FLAT_OPC)
                || t.equals(EXCEL_2003_XML)
                || OfficeTypes.ooxml(node)
                || sheetText(node);
    }

    private static boolean sheetText(NodeInfo node) {
        String t = OfficeTypes.base(node);
        if (SHEET_TEXT_TYPES.contains(t)) {
            return true;
        }
        String ext = node.extension();
        return (ext.equals("csv") || ext.equals("slk"))
                && (t.startsWith("text/") || t.equals("application/octet-stream"));
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        String t = OfficeTypes.base(ctx.node());
        List<DdeHit> hits = new ArrayList<>();
        try {
            if (t.equals(OfficeTypes.WORD_97) || t.equals(OfficeTypes.EXCEL_97)) {
                binary(ctx, hits, t.equals(OfficeTypes.EXCEL_97));
            } else if (OfficeTypes.ooxml(ctx.node())) {
                ooxml(ctx, hits);
            } else if (t.equals(WORD_2003_XML) || t.equals(OfficeTypes.FLAT_OPC)) {
                try (InputStream in = ctx.content().openStream()) {
                    fields(
                            WordXmlFieldReader.instructions(in, ctx::checkTime),
                            ctx.node().name(),
                            hits);
                }
            } else if (t.equals(EXCEL_2003_XML)) {
                try (InputStream in = ctx.content().openStream()) {
                    hits.addAll(SpreadsheetXmlReader.read(ctx.node().name(), in, ctx::checkTime));
                }
            } else {
                boolean sylk =
                        t.equals("application/x-sylk") || ctx.node().extension().equals("slk");
                try (InputStream in = ctx.content().openStream()) {
                    hits.addAll(DelimitedTextScanner.scan(in, sylk, ctx.limits().maxInMemoryParse(), ctx::checkTime));
                }
            }
        } catch (PartTooLargeException e) {
            ctx.report(Finding.of(
                            "limit.ooxml-part-size",
                            Severity.HIGH,
                            "a document part is too large to read; DDE in it is not inspected")
                    .with("error", Evidence.text(e.getMessage()))
                    .build());
        } catch (XMLStreamException | IOException e) {
            ctx.report(Finding.of(
                            "parse.dde-scan",
                            Severity.HIGH,
                            "a part of the document could not be read; DDE in it may be missed")
                    .withError(e)
                    .build());
        }
        report(ctx, hits);
    }

    private static void binary(AnalysisContext ctx, List<DdeHit> hits, boolean excel) throws IOException {
        long max = ctx.limits().maxInMemoryParse();
        if (ctx.content().size() > max) {
            ctx.report(Finding.of(
                            "limit.dde-document-size",
                            Severity.HIGH,
                            "the document is larger than the in-memory bound; DDE in it was not looked for")
                    .with("size", ctx.content().size())
                    .with("limit", max)
                    .build());
            return;
        }
        try (POIFSFileSystem fs = Ole2Files.open(ctx.content(), max)) {
            if (excel) {
                hits.addAll(BiffDdeReader.read(fs.getRoot(), ctx::checkTime));
            } else {
                fields(DocFieldReader.instructions(fs.getRoot(), ctx::checkTime), "WordDocument", hits);
            }
        } catch (EncryptedDocumentException e) {
            // the encryption analyzers report it; fields of an encrypted document cannot be read
            ctx.fact("ddeSkipped", "encrypted document");
        } catch (RecordFormatException
                | IllegalArgumentException
                | IllegalStateException
                | IndexOutOfBoundsException
                | NegativeArraySizeException
                | BufferUnderflowException
                | NoSuchElementException e) {
            ctx.report(Finding.of(
                            "parse.dde-scan", Severity.HIGH, "the document could not be read; DDE in it may be missed")
                    .withError(e)
                    .build());
        }
    }

    private static void ooxml(AnalysisContext ctx, List<DdeHit> hits) throws IOException, XMLStreamException {
        long max = ctx.limits().maxInMemoryParse();
        try (OoxmlZip zip = OoxmlZip.open(ctx.content())) {
            for (ZipArchiveEntry part : zip.parts()) {
                String name = part.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.endsWith(".xml")) {
                    continue;
                }
                if (lower.startsWith("word/") && !lower.startsWith("word/theme/")) {
                    ctx.checkTime();
                    try (InputStream in = zip.open(part, max)) {
                        fields(WordXmlFieldReader.instructions(in, ctx::checkTime), name, hits);
                    }
                } else if (lower.startsWith("xl/externallinks/") || lower.startsWith("xl/worksheets/")) {
                    ctx.checkTime();
                    try (InputStream in = zip.open(part, max)) {
                        hits.addAll(SpreadsheetXmlReader.read(name, in, ctx::checkTime));
                    }
                }
            }
        }
    }

    private static void fields(List<String> instructions, String where, List<DdeHit> hits) {
        for (String instruction : instructions) {
            String keyword = FieldInstructions.ddeKeyword(instruction);
            if (keyword != null) {
                hits.add(new DdeHit(DdeHit.Kind.FIELD, keyword, instruction.strip(), where));
            }
        }
    }

    private static void report(AnalysisContext ctx, List<DdeHit> hits) {
        List<Map<String, Object>> facts = new ArrayList<>();
        for (DdeHit hit : new LinkedHashSet<>(hits)) {
            Finding.Builder finding = switch (hit.kind()) {
                case FIELD ->
                    Finding.of(
                                    "dde.field",
                                    Severity.HIGH,
                                    "DDEAUTO".equals(hit.keyword())
                                            ? "a DDEAUTO field runs a program through DDE when the document "
                                                    + "opens (after a prompt)"
                                            : "a DDE field runs a program through DDE when fields update")
                            .with("keyword", hit.keyword())
                            .with("instruction", Evidence.text(hit.text()));
                case LINK ->
                    Finding.of(
                                    "dde.link",
                                    Severity.HIGH,
                                    "the workbook has a DDE link that starts a program when links update")
                            .with("service", Evidence.text(hit.keyword()))
                            .with("topic", Evidence.text(hit.text()));
                case FORMULA ->
                    Finding.of(
                                    "dde.formula",
                                    Severity.HIGH,
                                    "a formula calls a DDE server, which starts a program (the =cmd|' "
                                            + "/c …'!A0 pattern)")
                            .with("service", Evidence.text(hit.keyword()))
                            .with("formula", Evidence.text(hit.text()));
            };
            ctx.report(finding.with("where", Evidence.text(hit.where())).build());
            Map<String, Object> fact = new LinkedHashMap<>();
            fact.put("kind", hit.kind().name().toLowerCase(Locale.ROOT));
            fact.put("keyword", Evidence.text(hit.keyword()));
            fact.put("text", Evidence.text(hit.text()));
            fact.put("where", Evidence.text(hit.where()));
            facts.add(fact);
        }
        if (!facts.isEmpty()) {
            ctx.fact("dde", facts);
        }
    }
}
