package dev.prefilter.engine.office.xlm;

import static dev.prefilter.engine.binary.Bytes.u16le;
import static dev.prefilter.engine.binary.Bytes.u32le;

import dev.prefilter.engine.office.Ole2Files;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;

/**
 * Excel 4.0 macro sheets in a BIFF8 ({@code Workbook}) or BIFF5 ({@code Book}) stream: BOUNDSHEET
 * records (sheet type 1 = macro sheet, with its hidden state), NAME records (built-in
 * Auto_Open / Auto_Activate, and names beginning with Auto_Open, which Excel also runs), and the
 * FORMULA records of each macro sheet's substream. Records are walked by their own headers so
 * that BOUNDSHEET stream positions can be matched to the substreams they point at.
 */
public final class BiffMacroReader {

    private static final int BOF = 0x0809;
    private static final int EOF = 0x000A;
    private static final int FILEPASS = 0x002F;
    private static final int BOUNDSHEET = 0x0085;
    private static final int NAME = 0x0018;
    private static final int FORMULA = 0x0006;
    private static final int CODEPAGE = 0x0042;
    private static final int EXTERNSHEET = 0x0017;
    private static final int BOF_MACRO_SHEET = 0x0040;
    private static final int MAX_FORMULAS_PER_SHEET = 5_000;
    private static final String[] BUILTIN_NAMES = {
        "Consolidate_Area",
        "Auto_Open",
        "Auto_Close",
        "Extract",
        "Database",
        "Criteria",
        "Print_Area",
        "Print_Titles",
        "Recorder",
        "Data_Form",
        "Auto_Activate",
        "Auto_Deactivate",
        "Sheet_Title",
        "_FilterDatabase"
    };

    private final BiffFormulaDecoder decoder;
    private final long maxStreamBytes;

    public BiffMacroReader(XlmFunctions functions, long maxStreamBytes) {
        this.decoder = new BiffFormulaDecoder(functions);
        this.maxStreamBytes = maxStreamBytes;
    }

    /** The workbook in the storage's {@code Workbook} or {@code Book} stream; an IOException when it has neither. */
    public XlmWorkbook read(DirectoryNode root, Runnable checkTime) throws IOException {
        Optional<DocumentEntry> workbook = Ole2Files.document(root, "Workbook");
        boolean biff8Stream = workbook.isPresent();
        if (workbook.isEmpty()) workbook = Ole2Files.document(root, "Book");
        if (workbook.isEmpty()) {
            throw new IOException("the Compound File has no Workbook or Book stream: damaged, or not a workbook");
        }
        byte[] data = Ole2Files.read(workbook.get(), maxStreamBytes);
        return parse(data, biff8Stream, checkTime);
    }

    private record BoundSheet(long position, String name, String state, int type) {}

    XlmWorkbook parse(byte[] data, boolean biff8Stream, Runnable checkTime) {
        Records records = new Records(data, biff8Stream);
        int pos = 0;
        int count = 0;
        while (pos + 4 <= data.length && !records.encrypted) {
            if ((++count & 0x3fff) == 0) checkTime.run();
            int sid = u16le(data, pos);
            int len = u16le(data, pos + 2);
            int start = pos + 4;
            if (start + len > data.length) {
                // Excel stops at the last substream's EOF: writers leave bytes after it (embedded workbooks
                // in PowerPoint carry hundreds), and those are no damage
                if (!records.afterLastSubstream(pos))
                    records.problems.add(
                            String.format("record 0x%04x at %d runs past the end of the stream", sid, pos));
                break;
            }
            records.read(sid, pos, start, len);
            pos = start + len;
        }
        return records.workbook();
    }

    /** What the records of one workbook stream say, read in stream order. */
    private final class Records {
        private final byte[] data;
        private final List<String> problems = new ArrayList<>();
        private final List<BoundSheet> sheets = new ArrayList<>();
        private final List<XlmWorkbook.Name> autoRunNames = new ArrayList<>();
        /** Where each auto-run name's record is: {start, length, index among all names}. */
        private final List<int[]> autoRunRecords = new ArrayList<>();

        private final List<Integer> externSheetTabs = new ArrayList<>();
        private final List<String> allNames = new ArrayList<>();
        private final Map<Long, List<XlmWorkbook.Formula>> formulasByBof = new LinkedHashMap<>();
        private final Map<Long, Integer> bofTypes = new HashMap<>();
        private boolean biff8;
        private Charset charset = Charset.forName("windows-1252");
        private boolean encrypted;
        private long currentBof = -1;
        private boolean first = true;
        private boolean sawEof;

        Records(byte[] data, boolean biff8Stream) {
            this.data = data;
            this.biff8 = biff8Stream;
        }

        void read(int sid, int pos, int start, int len) {
            switch (sid) {
                case BOF -> bof(pos, start, len);
                case FILEPASS -> encrypted = true;
                case CODEPAGE -> {
                    if (len >= 2 && !biff8) charset = charset(u16le(data, start));
                }
                case BOUNDSHEET -> {
                    if (len >= 7) sheets.add(boundSheet(data, start, len, biff8, charset));
                }
                case EXTERNSHEET -> {
                    if (biff8 && len >= 2) externSheet(start, len);
                }
                case NAME -> {
                    if (len >= 15) name(start, len);
                }
                case FORMULA -> {
                    if (currentBof >= 0 && len >= 22) formula(start, len);
                }
                case EOF -> {
                    currentBof = -1;
                    sawEof = true;
                }
                default -> {
                    // cells, formats and the rest: not where macros are
                }
            }
        }

        /** The first BOF tells BIFF8 from BIFF5; each BOF's type says whether its substream is a macro sheet. */
        private void bof(int pos, int start, int len) {
            if (len >= 4) {
                int version = u16le(data, start);
                int type = u16le(data, start + 2);
                if (first) biff8 = version == 0x0600;
                bofTypes.put((long) pos, type);
            }
            currentBof = pos;
            first = false;
        }

        private void externSheet(int start, int len) {
            int count = u16le(data, start);
            for (int i = 0; i < count && 2 + 6 * i + 6 <= len; i++) {
                externSheetTabs.add((int) (short) u16le(data, start + 2 + 6 * i + 2));
            }
        }

        private void name(int start, int len) {
            XlmWorkbook.Name name = BiffMacroReader.this.name(data, start, len, biff8, charset, allNames, sheetNames());
            allNames.add(name.name());
            if (autoRun(name)) {
                autoRunNames.add(name);
                autoRunRecords.add(new int[] {start, len, allNames.size() - 1});
            }
        }

        private void formula(int start, int len) {
            List<XlmWorkbook.Formula> list = formulasByBof.computeIfAbsent(currentBof, k -> new ArrayList<>());
            if (list.size() < MAX_FORMULAS_PER_SHEET) {
                list.add(BiffMacroReader.this.formula(data, start, len, biff8, charset, allNames, sheetNames()));
            }
        }

        private java.util.function.IntFunction<String> sheetNames() {
            return sheetResolver(sheets, externSheetTabs, biff8);
        }

        /** Outside any substream, past the EOF of the last one the globals list: what follows is not read by Excel. */
        boolean afterLastSubstream(int pos) {
            return currentBof < 0 && sawEof && sheets.stream().noneMatch(s -> s.position() >= pos);
        }

        XlmWorkbook workbook() {
            rereadAutoRunNames();
            if (!encrypted && problems.isEmpty() && currentBof >= 0) {
                problems.add("the stream ends inside a sheet substream (no EOF record): it is truncated");
            }
            return new XlmWorkbook(biff8 ? "biff8" : "biff5", macroSheets(), autoRunNames, encrypted, problems);
        }

        /**
         * BIFF5 writes NAME before BOUNDSHEET: the auto-run names' targets are read again once every
         * sheet is known.
         */
        private void rereadAutoRunNames() {
            for (int i = 0; i < autoRunRecords.size(); i++) {
                int[] r = autoRunRecords.get(i);
                List<String> earlier = allNames.subList(0, r[2]);
                autoRunNames.set(i, BiffMacroReader.this.name(data, r[0], r[1], biff8, charset, earlier, sheetNames()));
            }
        }

        /**
         * Sheets of type macro (by BOUNDSHEET or by their substream's BOF), and macro substreams no
         * BOUNDSHEET lists.
         */
        private List<XlmWorkbook.Sheet> macroSheets() {
            List<XlmWorkbook.Sheet> macroSheets = new ArrayList<>();
            for (BoundSheet s : sheets) {
                Integer bofType = bofTypes.get(s.position());
                if (s.type() != 1 && (bofType == null || bofType != BOF_MACRO_SHEET)) continue;
                macroSheets.add(new XlmWorkbook.Sheet(
                        s.name(), s.state(), formulasByBof.getOrDefault(s.position(), List.of()), true));
            }
            // a macro substream that no BOUNDSHEET points at (a patched position) is still a macro sheet
            for (Map.Entry<Long, Integer> bof : bofTypes.entrySet()) {
                boolean known = sheets.stream().anyMatch(s -> s.position() == bof.getKey());
                if (!known && bof.getValue() == BOF_MACRO_SHEET) {
                    macroSheets.add(new XlmWorkbook.Sheet(
                            "(unlisted substream at " + bof.getKey() + ")",
                            "unlisted",
                            formulasByBof.getOrDefault(bof.getKey(), List.of()),
                            true));
                }
            }
            return macroSheets;
        }
    }

    private BoundSheet boundSheet(byte[] d, int start, int len, boolean biff8, Charset charset) {
        long position = u32le(d, start);
        String state = switch (d[start + 4] & 0x03) {
            case 0 -> "visible";
            case 1 -> "hidden";
            default -> "very-hidden";
        };
        int type = d[start + 5] & 0xff;
        int cch = d[start + 6] & 0xff;
        String name;
        if (biff8 && len >= 8) {
            boolean wide = (d[start + 7] & 0x01) != 0;
            int bytes = Math.min(wide ? cch * 2 : cch, len - 8);
            name = new String(
                    d, start + 8, Math.max(0, bytes), wide ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
        } else {
            name = new String(d, start + 7, Math.max(0, Math.min(cch, len - 7)), charset);
        }
        return new BoundSheet(position, name, state, type);
    }

    /** Sheet names for 3-D references: BIFF8 through the EXTERNSHEET table, BIFF5 by sheet position. */
    private static java.util.function.IntFunction<String> sheetResolver(
            List<BoundSheet> sheets, List<Integer> externSheetTabs, boolean biff8) {
        return index -> {
            int tab = biff8 ? (index < externSheetTabs.size() ? externSheetTabs.get(index) : -1) : index;
            return tab >= 0 && tab < sheets.size() ? sheets.get(tab).name() : null;
        };
    }

    private XlmWorkbook.Name name(
            byte[] d,
            int start,
            int len,
            boolean biff8,
            Charset charset,
            List<String> earlier,
            java.util.function.IntFunction<String> sheetNames) {
        int grbit = u16le(d, start);
        boolean hidden = (grbit & 0x0001) != 0;
        boolean builtin = (grbit & 0x0020) != 0;
        int cch = d[start + 3] & 0xff;
        int cce = u16le(d, start + 4);
        int p = start + 14;
        String text;
        if (biff8) {
            boolean wide = (d[p++] & 0x01) != 0;
            int bytes = Math.min(wide ? cch * 2 : cch, start + len - p);
            text = builtin && bytes >= 1
                    ? builtinName(d[p] & 0xff)
                    : new String(
                            d, p, Math.max(0, bytes), wide ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
            p += Math.max(0, bytes);
        } else {
            int bytes = Math.min(cch, start + len - p);
            text = builtin && bytes >= 1 ? builtinName(d[p] & 0xff) : new String(d, p, Math.max(0, bytes), charset);
            p += Math.max(0, bytes);
        }
        String refersTo = null;
        if (cce > 0 && p + cce <= start + len) {
            refersTo = decoder.decode(
                            d,
                            p,
                            cce,
                            biff8 ? BiffVersion.BIFF8 : BiffVersion.BIFF5,
                            charset,
                            i -> nameText(earlier, i),
                            sheetNames)
                    .text();
        }
        return new XlmWorkbook.Name(text, builtin, hidden, refersTo);
    }

    private XlmWorkbook.Formula formula(
            byte[] d,
            int start,
            int len,
            boolean biff8,
            Charset charset,
            List<String> names,
            java.util.function.IntFunction<String> sheetNames) {
        int row = u16le(d, start);
        int col = u16le(d, start + 2);
        int cce = u16le(d, start + 20);
        int cceAvailable = Math.min(cce, len - 22);
        BiffFormulaDecoder.Decoded decoded = decoder.decode(
                d,
                start + 22,
                Math.max(0, cceAvailable),
                biff8 ? BiffVersion.BIFF8 : BiffVersion.BIFF5,
                charset,
                i -> nameText(names, i),
                sheetNames);
        String text = decoded.complete() ? decoded.text() : decoded.text() + " …(not fully decoded)";
        return new XlmWorkbook.Formula(
                "R" + (row + 1) + "C" + ((col & 0x3fff) + 1), text, decoded.functions(), decoded.strings());
    }

    private static String nameText(List<String> names, int oneBased) {
        return oneBased >= 1 && oneBased <= names.size() ? names.get(oneBased - 1) : "NAME#" + oneBased;
    }

    private static String builtinName(int code) {
        return code < BUILTIN_NAMES.length ? BUILTIN_NAMES[code] : "BUILTIN#" + code;
    }

    /**
     * Excel runs Auto_Open (and any name that begins with it) on opening, Auto_Activate when the sheet
     * is activated.
     */
    static boolean autoRun(XlmWorkbook.Name name) {
        String n = name.name().toLowerCase(Locale.ROOT);
        if (n.startsWith("_xlnm.")) n = n.substring(6);
        return n.startsWith("auto_open") || n.startsWith("auto_activate");
    }

    private static Charset charset(int codePage) {
        try {
            return Charset.forName(org.apache.poi.util.CodePageUtil.codepageToEncoding(codePage, true));
        } catch (java.io.UnsupportedEncodingException | IllegalArgumentException e) {
            return Charset.forName("windows-1252");
        }
    }
}
