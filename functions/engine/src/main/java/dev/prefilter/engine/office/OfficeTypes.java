package dev.prefilter.engine.office;

import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.detect.TypeInfo;
import java.util.Set;

/** Which detected types are OLE2 and OOXML Office files, for the analyzers' {@code accepts}. */
public final class OfficeTypes {

    public static final String WORD_97 = "application/msword";
    public static final String EXCEL_97 = "application/vnd.ms-excel";
    public static final String POWERPOINT_97 = "application/vnd.ms-powerpoint";
    /** Word 2003 XML ({@code w:wordDocument}). */
    public static final String WORD_2003_XML = "application/vnd.ms-wordml";
    /** Excel 2003 XML (SpreadsheetML {@code Workbook}). */
    public static final String EXCEL_2003_XML = "application/vnd.ms-spreadsheetml";
    /**
     * Flat OPC: a whole OOXML package as one XML file ({@code pkg:package}), as Word and PowerPoint
     * save "XML Document".
     */
    public static final String FLAT_OPC = "application/vnd.ms-word2006ml";
    /** An OOXML package inside MS-OFFCRYPTO encryption (EncryptionInfo + EncryptedPackage in a Compound File). */
    public static final String OOXML_PROTECTED = "application/x-tika-ooxml-protected";

    private static final Set<String> OLE2 = Set.of(
            WORD_97,
            EXCEL_97,
            POWERPOINT_97,
            "application/x-tika-msoffice",
            "application/x-tika-msoffice-embedded",
            // Visio, Publisher and Project documents are Compound Files with an optional VBA project and embedded
            // objects, like Word's
            "application/vnd.visio",
            "application/x-mspublisher",
            "application/vnd.ms-project");

    /** Tika's types for Excel 2.x-4.0 files (all below {@code application/x-tika-old-excel}). */
    public static final Set<String> LEGACY_EXCEL = Set.of(
            "application/vnd.ms-excel.sheet.2",
            "application/vnd.ms-excel.sheet.3",
            "application/vnd.ms-excel.sheet.4",
            "application/vnd.ms-excel.workspace.3",
            "application/vnd.ms-excel.workspace.4",
            "application/x-tika-old-excel");

    private OfficeTypes() {}

    public static String base(NodeInfo node) {
        return TypeInfo.base(node.detectedType());
    }

    /** OLE2 compound files that hold Office documents or Office objects (not MSI, not MSG). */
    public static boolean ole2(NodeInfo node) {
        return OLE2.contains(base(node));
    }

    /** OpenDocument packages (.odt, .ods, .odp …), which keep OLE objects as {@code Object N} OLE2 entries. */
    public static boolean odf(NodeInfo node) {
        return base(node).startsWith("application/vnd.oasis.opendocument.") && !flatOdf(node);
    }

    /** Flat OpenDocument (.fodt, .fods, .fodp, .fodg): the whole document as one XML file, no zip. */
    public static boolean flatOdf(NodeInfo node) {
        String t = base(node);
        return t.startsWith("application/vnd.oasis.opendocument.flat.")
                || t.equals("application/vnd.oasis.opendocument.tika.flat.document");
    }

    /** OOXML packages: documents, templates, macro-enabled and binary workbooks, add-ins. */
    public static boolean ooxml(NodeInfo node) {
        String t = base(node);
        return t.startsWith("application/vnd.openxmlformats-officedocument.")
                || t.equals("application/x-tika-ooxml")
                || (t.startsWith("application/vnd.ms-word.")
                                || t.startsWith("application/vnd.ms-excel.")
                                || t.startsWith("application/vnd.ms-powerpoint."))
                        && t.endsWith(".12");
    }

    /** A Compound File an Office program opens as a document (the macro analyzers' view of {@link #ole2}). */
    public static boolean isOle2Office(NodeInfo node) {
        return ole2(node);
    }

    public static boolean isOoxml(NodeInfo node) {
        return ooxml(node);
    }

    /** Excel 97-2003 workbooks (also a generic OLE2 type named .xls/.xlt/.xla). */
    public static boolean isExcelOle2(NodeInfo node) {
        String t = base(node);
        return t.equals(EXCEL_97)
                || (t.equals("application/x-tika-msoffice")
                        && Set.of("xls", "xlt", "xla").contains(node.extension()));
    }

    public static boolean isWordOle2(NodeInfo node) {
        return base(node).equals(WORD_97);
    }

    public static boolean isPowerPointOle2(NodeInfo node) {
        return base(node).equals(POWERPOINT_97);
    }

    /**
     * Spreadsheet OOXML: .xlsx/.xlsm/.xltm/.xlam and the binary .xlsb (the {@code .12} types; Excel
     * 2.x-4.0's {@code application/vnd.ms-excel.sheet.4} and the like are no packages).
     */
    public static boolean isSpreadsheetOoxml(NodeInfo node) {
        String t = base(node);
        return t.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.")
                || (t.startsWith("application/vnd.ms-excel.") && t.endsWith(".12"));
    }

    /** Excel 2.x, 3.0 and 4.0 sheets and workbooks: a bare BIFF2/3/4 record stream, no Compound File. */
    public static boolean isLegacyExcel(NodeInfo node) {
        return LEGACY_EXCEL.contains(base(node));
    }
}
