package dev.prefilter.engine.office.xlm;

import static dev.prefilter.engine.binary.Bytes.u32le;

import dev.prefilter.engine.office.OoxmlPackage;
import dev.prefilter.engine.office.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Excel 4.0 macro sheets of OOXML workbooks: {@code .xlsm/.xltm/.xlam} parts of type
 * {@code application/vnd.ms-excel.macrosheet+xml} (cell formulas read as written), {@code .xlsb}
 * parts of type {@code application/vnd.ms-excel.macrosheet} (BIFF12 records; formulas decoded by
 * {@link XlsbMacroSheetReader}). Sheet state and auto-run names come from {@code xl/workbook.xml} (or the
 * BrtBundleSh records and name strings of {@code xl/workbook.bin}).
 */
public final class OoxmlMacroReader {

    static final String MACROSHEET_XML = "application/vnd.ms-excel.macrosheet+xml";
    static final String MACROSHEET_BIN = "application/vnd.ms-excel.macrosheet";
    private static final String INTL_MACROSHEET_XML = "application/vnd.ms-excel.intlmacrosheet+xml";
    private static final int MAX_FORMULAS_PER_SHEET = 5_000;
    private static final Pattern FUNCTION =
            Pattern.compile("(?i)(?<![A-Za-z0-9_.])(_xlfn\\.)?([A-Z][A-Z0-9]*(?:\\.[A-Z0-9]+)*)\\s*\\(");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"]|\"\")*)\"");

    private final long maxPartBytes;
    private final XlsbMacroSheetReader xlsb;
    private final BiffFormulaDecoder names;

    public OoxmlMacroReader(XlmFunctions functions, long maxPartBytes) {
        this.maxPartBytes = maxPartBytes;
        this.names = new BiffFormulaDecoder(functions);
        this.xlsb = new XlsbMacroSheetReader(functions, MAX_FORMULAS_PER_SHEET);
    }

    private record SheetEntry(String name, String state, String target) {}

    /** Empty when the package has no macro sheet part. */
    public Optional<XlmWorkbook> read(OoxmlPackage pkg, Runnable checkTime) throws IOException {
        List<String> macroParts = new ArrayList<>();
        boolean binary = false;
        for (String part : pkg.partNames()) {
            String type = pkg.contentType(part);
            String lower = part.toLowerCase(Locale.ROOT);
            if (MACROSHEET_XML.equals(type)
                    || INTL_MACROSHEET_XML.equals(type)
                    || (type == null && lower.startsWith("xl/macrosheets/") && lower.endsWith(".xml"))) {
                macroParts.add(part);
            } else if (MACROSHEET_BIN.equals(type) || (lower.startsWith("xl/macrosheets/") && lower.endsWith(".bin"))) {
                macroParts.add(part);
                binary = true;
            }
        }
        List<String> problems = new ArrayList<>();
        List<XlmWorkbook.Name> autoNames = new ArrayList<>();
        Map<String, SheetEntry> byTarget =
                binary ? workbookBin(pkg, autoNames, problems) : workbookXml(pkg, autoNames, problems);
        if (macroParts.isEmpty()) {
            return autoNames.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new XlmWorkbook(binary ? "xlsb" : "xlsm", List.of(), autoNames, false, problems));
        }
        List<XlmWorkbook.Sheet> sheets = new ArrayList<>();
        for (String part : macroParts) {
            checkTime.run();
            SheetEntry entry = byTarget.get(part.toLowerCase(Locale.ROOT));
            String name = entry != null ? entry.name() : part;
            String state = entry != null ? entry.state() : "unlisted";
            if (part.toLowerCase(Locale.ROOT).endsWith(".bin")) {
                Optional<byte[]> bin = pkg.read(part, maxPartBytes);
                sheets.add(new XlmWorkbook.Sheet(
                        name, state, bin.map(b -> xlsb.read(b, part, problems)).orElse(List.of()), bin.isPresent()));
            } else {
                sheets.add(new XlmWorkbook.Sheet(name, state, formulas(pkg, part, problems), true));
            }
        }
        return Optional.of(new XlmWorkbook(binary ? "xlsb" : "xlsm", sheets, autoNames, false, problems));
    }

    private List<XlmWorkbook.Formula> formulas(OoxmlPackage pkg, String part, List<String> problems)
            throws IOException {
        List<XlmWorkbook.Formula> formulas = new ArrayList<>();
        Optional<byte[]> xml = pkg.read(part, maxPartBytes);
        if (xml.isEmpty()) return formulas;
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(xml.get()));
            String cell = null;
            while (r.hasNext() && formulas.size() < MAX_FORMULAS_PER_SHEET) {
                int event = r.next();
                if (event != XMLStreamReader.START_ELEMENT) continue;
                if ("c".equals(r.getLocalName())) {
                    cell = r.getAttributeValue(null, "r");
                } else if ("f".equals(r.getLocalName())) {
                    String text = r.getElementText();
                    if (!text.isBlank()) formulas.add(formula(cell == null ? "?" : cell, text));
                }
            }
        } catch (XMLStreamException e) {
            problems.add(part + " is not well-formed XML: " + e.getMessage());
        }
        return formulas;
    }

    static XlmWorkbook.Formula formula(String cell, String text) {
        List<String> functions = new ArrayList<>();
        Matcher f = FUNCTION.matcher(text.replaceAll("\"(?:[^\"]|\"\")*\"", "\"\""));
        while (f.find()) functions.add(f.group(2).toUpperCase(Locale.ROOT));
        List<String> strings = new ArrayList<>();
        Matcher s = STRING.matcher(text);
        while (s.find()) strings.add(s.group(1).replace("\"\"", "\""));
        String charDecoded = CharChains.decode(text);
        if (charDecoded != null) strings.add(charDecoded);
        return new XlmWorkbook.Formula(cell, text.startsWith("=") ? text : "=" + text, functions, strings);
    }

    /**
     * Sheets by their part name, from workbook.xml and its relationships; auto-run defined names into
     * {@code autoNames}.
     */
    private Map<String, SheetEntry> workbookXml(
            OoxmlPackage pkg, List<XlmWorkbook.Name> autoNames, List<String> problems) throws IOException {
        Map<String, String> rels = relationships(pkg, "xl/_rels/workbook.xml.rels", "xl/", problems);
        Map<String, SheetEntry> byTarget = new HashMap<>();
        Optional<byte[]> xml = pkg.read("xl/workbook.xml", maxPartBytes);
        if (xml.isEmpty()) return byTarget;
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(xml.get()));
            while (r.hasNext()) {
                if (r.next() != XMLStreamReader.START_ELEMENT) continue;
                if ("sheet".equals(r.getLocalName())) {
                    String id = relId(r);
                    String state = r.getAttributeValue(null, "state");
                    String target = id == null ? null : rels.get(id);
                    SheetEntry entry = new SheetEntry(r.getAttributeValue(null, "name"), state(state), target);
                    if (target != null) byTarget.put(target, entry);
                } else if ("definedName".equals(r.getLocalName())) {
                    String name = r.getAttributeValue(null, "name");
                    boolean hidden = "1".equals(r.getAttributeValue(null, "hidden"))
                            || "true".equals(r.getAttributeValue(null, "hidden"));
                    String refersTo = r.getElementText();
                    if (name != null) {
                        XlmWorkbook.Name n = new XlmWorkbook.Name(
                                name.startsWith("_xlnm.") ? name.substring(6) : name,
                                name.startsWith("_xlnm."),
                                hidden,
                                refersTo);
                        if (BiffMacroReader.autoRun(n)) autoNames.add(n);
                    }
                }
            }
        } catch (XMLStreamException e) {
            problems.add("xl/workbook.xml is not well-formed XML: " + e.getMessage());
        }
        return byTarget;
    }

    private static String relId(XMLStreamReader r) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if ("id".equals(r.getAttributeLocalName(i)) && r.getAttributeNamespace(i) != null)
                return r.getAttributeValue(i);
        }
        return null;
    }

    private static String state(String value) {
        if (value == null || value.equals("visible")) return "visible";
        return value.equalsIgnoreCase("veryHidden") ? "very-hidden" : "hidden";
    }

    /** Relationship id → target part name (lower-case, resolved against {@code base}). */
    private Map<String, String> relationships(OoxmlPackage pkg, String relsPart, String base, List<String> problems)
            throws IOException {
        Map<String, String> rels = new LinkedHashMap<>();
        Optional<byte[]> xml = pkg.read(relsPart, maxPartBytes);
        if (xml.isEmpty()) return rels;
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(xml.get()));
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.START_ELEMENT && "Relationship".equals(r.getLocalName())) {
                    String id = r.getAttributeValue(null, "Id");
                    String target = r.getAttributeValue(null, "Target");
                    if (id != null && target != null && !"External".equals(r.getAttributeValue(null, "TargetMode"))) {
                        rels.put(id, resolve(base, target));
                    }
                }
            }
        } catch (XMLStreamException e) {
            problems.add(relsPart + " is not well-formed XML: " + e.getMessage());
        }
        return rels;
    }

    static String resolve(String base, String target) {
        String t = target.replace('\\', '/');
        String path = t.startsWith("/") ? t.substring(1) : base + t;
        List<String> out = new ArrayList<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) continue;
            if (seg.equals("..")) {
                if (!out.isEmpty()) out.remove(out.size() - 1);
            } else {
                out.add(seg);
            }
        }
        return String.join("/", out).toLowerCase(Locale.ROOT);
    }

    /**
     * xlsb: BrtBundleSh records (type 156: hsState, iTabID, strRelID, strName as XLWideStrings) give
     * each sheet's state; BrtName records (type 39) the defined names, auto-run ones kept.
     */
    private Map<String, SheetEntry> workbookBin(
            OoxmlPackage pkg, List<XlmWorkbook.Name> autoNames, List<String> problems) throws IOException {
        Map<String, String> rels = relationships(pkg, "xl/_rels/workbook.bin.rels", "xl/", problems);
        Map<String, SheetEntry> byTarget = new HashMap<>();
        Optional<byte[]> bin = pkg.read("xl/workbook.bin", maxPartBytes);
        if (bin.isEmpty()) return byTarget;
        byte[] d = bin.get();
        int pos = 0;
        while (pos < d.length) {
            int[] type = XlsbMacroSheetReader.varint(d, pos, 2);
            if (type == null) break;
            int[] size = XlsbMacroSheetReader.varint(d, type[1], 4);
            if (size == null || size[1] + size[0] > d.length || size[0] < 0) break;
            int start = size[1];
            if (type[0] == 39 && size[0] >= 13) {
                // BrtName: flags(4) chKey(1) itab(4) name(XLNameWideString) formula(cce, rgce, cb, rgcb) …
                long flags = u32le(d, start);
                String name = wide(d, start + 9, start + size[0]);
                if (name != null) {
                    int p = start + 13 + name.length() * 2;
                    String refersTo = null;
                    if (p + 4 <= start + size[0]) {
                        long cce = u32le(d, p);
                        if (cce > 0 && p + 4 + cce <= start + size[0]) {
                            refersTo = names.decode(
                                            d,
                                            p + 4,
                                            (int) cce,
                                            BiffVersion.BIFF12,
                                            StandardCharsets.UTF_16LE,
                                            i -> "NAME#" + i)
                                    .text();
                        }
                    }
                    XlmWorkbook.Name n = new XlmWorkbook.Name(
                            name.startsWith("_xlnm.") ? name.substring(6) : name,
                            (flags & 0x20) != 0,
                            (flags & 0x01) != 0,
                            refersTo);
                    if (BiffMacroReader.autoRun(n)) autoNames.add(n);
                }
            } else if (type[0] == 156 && size[0] >= 12) {
                long hs = u32le(d, start);
                String relId = wide(d, start + 8, start + size[0]);
                int afterRel = start + 8 + 4 + (relId == null ? 0 : relId.length() * 2);
                String name = wide(d, afterRel, start + size[0]);
                String target = relId == null ? null : rels.get(relId);
                if (target != null) {
                    byTarget.put(
                            target,
                            new SheetEntry(
                                    name == null ? target : name,
                                    hs == 0 ? "visible" : hs == 1 ? "hidden" : "very-hidden",
                                    target));
                }
            }
            pos = start + size[0];
        }
        return byTarget;
    }

    private static String wide(byte[] d, int pos, int end) {
        if (pos + 4 > end) return null;
        long cch = u32le(d, pos);
        if (cch < 0 || pos + 4 + cch * 2 > end || cch > 1024) return null;
        return new String(d, pos + 4, (int) cch * 2, StandardCharsets.UTF_16LE);
    }
}
