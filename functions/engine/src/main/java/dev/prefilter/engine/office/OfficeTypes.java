package dev.prefilter.engine.office;

import dev.prefilter.engine.analyze.NodeInfo;
import java.util.Set;

/** Which detected media types are OLE2 Office files, which are OOXML packages, and which Excel. */
public final class OfficeTypes {

    public static final String OLE2_GENERIC = "application/x-tika-msoffice";
    public static final String OOXML_GENERIC = "application/x-tika-ooxml";
    public static final String OOXML_PROTECTED = "application/x-tika-ooxml-protected";

    private static final Set<String> OLE2 = Set.of(
            OLE2_GENERIC,
            "application/msword",
            "application/vnd.ms-word",
            "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint",
            "application/x-tika-msworks-spreadsheet",
            "application/vnd.visio");

    private static final Set<String> EXCEL_OLE2 = Set.of("application/vnd.ms-excel");
    private static final Set<String> POWERPOINT_OLE2 = Set.of("application/vnd.ms-powerpoint");
    private static final Set<String> WORD_OLE2 = Set.of("application/msword", "application/vnd.ms-word");

    private OfficeTypes() {
    }

    /** A Compound File Binary that an Office program opens (not MSI, not Outlook .msg). */
    public static boolean isOle2Office(NodeInfo node) {
        return OLE2.contains(node.detectedType());
    }

    /** Any OOXML package: Tika names them {@code application/vnd.openxmlformats-*} or {@code vnd.ms-*.macroenabled.12}. */
    public static boolean isOoxml(NodeInfo node) {
        String t = node.detectedType();
        return t.equals(OOXML_GENERIC)
                || t.startsWith("application/vnd.openxmlformats-officedocument.")
                || t.endsWith(".macroenabled.12")
                || t.equals("application/vnd.ms-excel.sheet.binary.macroenabled.12");
    }

    public static boolean isExcelOle2(NodeInfo node) {
        return EXCEL_OLE2.contains(node.detectedType()) || (node.is(OLE2_GENERIC) && Set.of("xls", "xlt", "xla").contains(node.extension()));
    }

    public static boolean isPowerPointOle2(NodeInfo node) {
        return POWERPOINT_OLE2.contains(node.detectedType());
    }

    public static boolean isWordOle2(NodeInfo node) {
        return WORD_OLE2.contains(node.detectedType());
    }

    public static boolean isSpreadsheetOoxml(NodeInfo node) {
        String t = node.detectedType();
        return t.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.")
                || t.startsWith("application/vnd.ms-excel.");
    }
}
