package dev.prefilter.engine.office.xlm;

/**
 * Token sizes of parsed formulas (Ptgs) that differ between BIFF5 (Excel 5/95), BIFF8 (Excel
 * 97-2003 .xls) and BIFF12 (.xlsb): cell references grew from 3 to 4 to 6 bytes, and strings
 * went from 8-bit to flagged 8/16-bit to plain UTF-16 (MS-XLS 2.5.198, MS-XLSB 2.5.97).
 */
enum BiffVersion {
    BIFF5(3, 6, 14, 24, 17, 20, 14, 7),
    BIFF8(4, 8, 4, 6, 6, 10, 2, 7),
    BIFF12(6, 12, 4, 6, 8, 14, 2, 14);

    final int ref;
    final int area;
    final int name;
    final int nameX;
    final int ref3d;
    final int area3d;
    /** Where the cell reference starts inside a 3-D reference token. */
    final int offsetIn3d;

    final int array;

    BiffVersion(int ref, int area, int name, int nameX, int ref3d, int area3d, int offsetIn3d, int array) {
        this.ref = ref;
        this.area = area;
        this.name = name;
        this.nameX = nameX;
        this.ref3d = ref3d;
        this.area3d = area3d;
        this.offsetIn3d = offsetIn3d;
        this.array = array;
    }
}
