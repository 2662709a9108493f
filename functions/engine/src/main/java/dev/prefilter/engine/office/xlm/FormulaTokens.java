package dev.prefilter.engine.office.xlm;

import static java.util.Map.entry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.formula.function.FunctionMetadata;
import org.apache.poi.ss.formula.function.FunctionMetadataRegistry;

/**
 * Formula token (Ptg) readers by token code, with the class bits folded away (MS-XLS 2.5.198):
 * each reads its operands from the walk and pushes what it renders. Codes without a reader end
 * the walk (see {@link BiffFormulaDecoder}).
 */
final class FormulaTokens {

    static final int EXP = 0x01;
    static final int TBL = 0x02;
    static final int ADD = 0x03;
    static final int SUB = 0x04;
    static final int MUL = 0x05;
    static final int DIV = 0x06;
    static final int POWER = 0x07;
    static final int CONCAT = 0x08;
    static final int LT = 0x09;
    static final int LE = 0x0A;
    static final int EQ = 0x0B;
    static final int GE = 0x0C;
    static final int GT = 0x0D;
    static final int NE = 0x0E;
    static final int ISECT = 0x0F;
    static final int UNION = 0x10;
    static final int RANGE = 0x11;
    static final int UPLUS = 0x12;
    static final int UMINUS = 0x13;
    static final int PERCENT = 0x14;
    static final int PAREN = 0x15;
    static final int MISSING_ARG = 0x16;
    static final int STR = 0x17;
    static final int ATTR = 0x19;
    static final int ERR = 0x1C;
    static final int BOOL = 0x1D;
    static final int INT = 0x1E;
    static final int NUM = 0x1F;
    static final int ARRAY = 0x20;
    static final int FUNC = 0x21;
    static final int FUNC_VAR = 0x22;
    static final int NAME = 0x23;
    static final int REF = 0x24;
    static final int AREA = 0x25;
    static final int MEM_AREA = 0x26;
    static final int MEM_ERR = 0x27;
    static final int MEM_NO_MEM = 0x28;
    static final int MEM_FUNC = 0x29;
    static final int REF_ERR = 0x2A;
    static final int AREA_ERR = 0x2B;
    static final int REF_N = 0x2C;
    static final int AREA_N = 0x2D;
    static final int NAME_X = 0x39;
    static final int REF_3D = 0x3A;
    static final int AREA_3D = 0x3B;
    static final int REF_ERR_3D = 0x3C;
    static final int AREA_ERR_3D = 0x3D;

    private static final int CHAR_INDEX = 111;
    private static final int ATTR_CHOOSE = 0x04;
    private static final int ATTR_SUM = 0x10;
    private static final int COMMAND = 0x8000;
    private static final String REF_ERROR = "#REF!";

    /** Reads one token's operands (the token's own byte is already read) and pushes its value. */
    @FunctionalInterface
    interface Reader {
        void read(FormulaWalk walk) throws FormulaWalk.Unreadable;
    }

    private static final Map<Integer, Reader> BY_CODE = Map.ofEntries(
            entry(EXP, w -> sharedFormula(w)),
            entry(TBL, w -> sharedFormula(w)),
            entry(ADD, binary("+")),
            entry(SUB, binary("-")),
            entry(MUL, binary("*")),
            entry(DIV, binary("/")),
            entry(POWER, binary("^")),
            entry(CONCAT, FormulaTokens::concat),
            entry(LT, binary("<")),
            entry(LE, binary("<=")),
            entry(EQ, binary("=")),
            entry(GE, binary(">=")),
            entry(GT, binary(">")),
            entry(NE, binary("<>")),
            entry(ISECT, binary(" ")),
            entry(UNION, binary(",")),
            entry(RANGE, binary(":")),
            entry(UPLUS, w -> w.push("+" + w.pop().text(), null)),
            entry(UMINUS, w -> w.push("-" + w.pop().text(), null)),
            entry(PERCENT, w -> w.push(w.pop().text() + "%", null)),
            entry(PAREN, FormulaTokens::parenthesis),
            entry(MISSING_ARG, w -> w.push("", null)),
            entry(STR, FormulaTokens::string),
            entry(ATTR, FormulaTokens::attribute),
            entry(ERR, w -> w.push("#ERR" + w.next(), null)),
            entry(BOOL, w -> w.push(w.next() != 0 ? "TRUE" : "FALSE", null)),
            entry(INT, FormulaTokens::integer),
            entry(NUM, FormulaTokens::number),
            entry(ARRAY, FormulaTokens::array),
            entry(FUNC, FormulaTokens::function),
            entry(FUNC_VAR, FormulaTokens::functionOrCommand),
            entry(NAME, FormulaTokens::name),
            entry(REF, reference(false)),
            entry(REF_N, reference(false)),
            entry(REF_ERR, reference(true)),
            entry(AREA, area(false)),
            entry(AREA_N, area(false)),
            entry(AREA_ERR, area(true)),
            entry(MEM_AREA, w -> w.skip(6)),
            entry(MEM_ERR, w -> w.skip(6)),
            entry(MEM_NO_MEM, w -> w.skip(6)),
            entry(MEM_FUNC, w -> w.skip(2)),
            entry(NAME_X, FormulaTokens::externalName),
            entry(REF_3D, reference3d(false)),
            entry(REF_ERR_3D, reference3d(true)),
            entry(AREA_3D, area3d(false)),
            entry(AREA_ERR_3D, area3d(true)));

    private FormulaTokens() {}

    /** The reader for a token byte; null when the token is not one this walker knows. */
    static Reader reader(int token) {
        int code = token < 0x20 ? token : (token & 0x1F) | 0x20;
        return BY_CODE.get(code);
    }

    private static void sharedFormula(FormulaWalk w) {
        w.push("{shared formula}", null);
        w.skip(4);
    }

    private static Reader binary(String operator) {
        return w -> {
            FormulaWalk.Value b = w.pop();
            FormulaWalk.Value a = w.pop();
            w.push(a.text() + operator + b.text(), null);
        };
    }

    /** {@code &}: two constant strings join into a constant, kept when CHAR() calls built it. */
    private static void concat(FormulaWalk w) {
        FormulaWalk.Value b = w.pop();
        FormulaWalk.Value a = w.pop();
        String constant = a.constant() != null && b.constant() != null ? a.constant() + b.constant() : null;
        if (constant != null
                && constant.length() > 2
                && (a.text().contains("CHAR(") || b.text().contains("CHAR("))) {
            w.string(constant);
        }
        w.push(a.text() + "&" + b.text(), constant);
    }

    private static void parenthesis(FormulaWalk w) {
        FormulaWalk.Value v = w.pop();
        w.push("(" + v.text() + ")", v.constant());
    }

    /** BIFF12: a 16-bit count of UTF-16 characters; BIFF8: an 8-bit count and a flag for 16-bit; BIFF5: 8-bit text. */
    private static void string(FormulaWalk w) throws FormulaWalk.Unreadable {
        String s;
        if (w.version == BiffVersion.BIFF12) {
            int cch = w.u16(w.position());
            w.skip(2);
            s = w.text(w.position(), Math.min(cch * 2, w.end - w.position()), StandardCharsets.UTF_16LE);
            w.skip(cch * 2);
        } else if (w.version == BiffVersion.BIFF8) {
            int cch = w.next();
            boolean wide = (w.next() & 0x01) != 0;
            int bytes = wide ? cch * 2 : cch;
            s = w.text(
                    w.position(),
                    Math.min(bytes, w.end - w.position()),
                    wide ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
            w.skip(bytes);
        } else {
            int cch = w.next();
            s = w.text(w.position(), Math.min(cch, w.end - w.position()), w.charset);
            w.skip(cch);
        }
        w.string(s);
        w.push("\"" + s.replace("\"", "\"\"") + "\"", s);
    }

    /** ptgAttr: a SUM of one argument is shown; a CHOOSE jump table is stepped over; the rest only format. */
    private static void attribute(FormulaWalk w) throws FormulaWalk.Unreadable {
        int grbit = w.u8(w.position());
        int jumps = w.u16(w.position() + 1);
        w.skip(3);
        if ((grbit & ATTR_CHOOSE) != 0) w.skip(2 * (jumps + 1));
        if ((grbit & ATTR_SUM) != 0) w.push("SUM(" + w.pop().text() + ")", null);
    }

    private static void integer(FormulaWalk w) throws FormulaWalk.Unreadable {
        int v = w.u16(w.position());
        w.skip(2);
        w.push(Integer.toString(v), null);
    }

    private static void number(FormulaWalk w) throws FormulaWalk.Unreadable {
        double d = Double.longBitsToDouble(w.u64(w.position()));
        w.skip(8);
        w.push(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d), null);
    }

    private static void array(FormulaWalk w) {
        w.push("{array}", null);
        w.skip(w.version.array);
    }

    /** ptgFunc: a function with a fixed argument count, which POI's table gives (one when unknown). */
    private static void function(FormulaWalk w) throws FormulaWalk.Unreadable {
        int index = w.u16(w.position());
        w.skip(2);
        String name = w.functions.name(index, false).orElseThrow(FormulaWalk.Unreadable::new);
        FunctionMetadata md = FunctionMetadataRegistry.getFunctionByIndex(index);
        int args = md != null && md.getMinParams() == md.getMaxParams() ? md.getMinParams() : 1;
        call(w, name, args, index == CHAR_INDEX);
    }

    /** ptgFuncVar: the argument count, then a function index, or a command index with the top bit set. */
    private static void functionOrCommand(FormulaWalk w) throws FormulaWalk.Unreadable {
        int args = w.u8(w.position()) & 0x7F;
        int tab = w.u16(w.position() + 1);
        w.skip(3);
        boolean command = (tab & COMMAND) != 0;
        int index = tab & ~COMMAND;
        String name = w.functions.name(index, command).orElseThrow(FormulaWalk.Unreadable::new);
        call(w, name, args, !command && index == CHAR_INDEX);
    }

    private static void call(FormulaWalk w, String name, int args, boolean isChar) {
        w.function(name);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args; i++) values.add(0, w.pop().text());
        FormulaWalk.Value call = new FormulaWalk.Value(name + "(" + String.join(",", values) + ")", null);
        if (isChar) {
            w.charCall();
            call = charValue(call);
        }
        w.pushCall(call);
    }

    /** CHAR of a constant is that character; CHAR of a cell or an expression is not known without running it. */
    private static FormulaWalk.Value charValue(FormulaWalk.Value call) {
        String inner = call.text().substring("CHAR(".length(), call.text().length() - 1);
        try {
            int code = Integer.parseInt(inner.trim());
            if (code > 0 && code < 0x10000) return new FormulaWalk.Value(call.text(), String.valueOf((char) code));
        } catch (NumberFormatException notConstant) {
            // CHAR of a cell or an expression: its value is not known without running the sheet
        }
        return call;
    }

    private static void name(FormulaWalk w) throws FormulaWalk.Unreadable {
        int index = w.u16(w.position());
        w.skip(w.version.name);
        w.push(w.nameByIndex.apply(index), null);
    }

    private static void externalName(FormulaWalk w) {
        w.push("[external name]", null);
        w.skip(w.version.nameX);
    }

    private static Reader reference(boolean error) {
        return w -> {
            w.push(error ? REF_ERROR : cell(w, w.position()), null);
            w.skip(w.version.ref);
        };
    }

    private static Reader area(boolean error) {
        return w -> {
            w.push(error ? REF_ERROR : area(w, w.position()), null);
            w.skip(w.version.area);
        };
    }

    private static Reader reference3d(boolean error) {
        return w -> {
            int at = w.position();
            w.push(error ? REF_ERROR : sheet(w, at) + "!" + cell(w, at + w.version.offsetIn3d), null);
            w.skip(w.version.ref3d);
        };
    }

    private static Reader area3d(boolean error) {
        return w -> {
            int at = w.position();
            w.push(error ? REF_ERROR : sheet(w, at) + "!" + area(w, at + w.version.offsetIn3d), null);
            w.skip(w.version.area3d);
        };
    }

    /**
     * The sheet a 3-D reference names: BIFF8/12 by its EXTERNSHEET index (first field), BIFF5 by
     * itabFirst (after ixals and 8 reserved bytes; negative for an external sheet).
     */
    private static String sheet(FormulaWalk w, int at) throws FormulaWalk.Unreadable {
        int index = w.version == BiffVersion.BIFF5 ? (short) w.u16(at + 10) : w.u16(at);
        String name = index < 0 ? null : w.sheetBy3dIndex.apply(index);
        if (name == null) return "[sheet]";
        return name.matches("[A-Za-z_][A-Za-z0-9_.]*") ? name : "'" + name.replace("'", "''") + "'";
    }

    /**
     * R1C1 text of a cell: BIFF5 row(2, flags on top) col(1); BIFF8 row(2) col(2, flags on top);
     * BIFF12 row(4) col(2).
     */
    private static String cell(FormulaWalk w, int at) throws FormulaWalk.Unreadable {
        long row = switch (w.version) {
            case BIFF5 -> w.u16(at) & 0x3FFF;
            case BIFF8 -> w.u16(at);
            case BIFF12 -> w.u32(at);
        };
        int col = switch (w.version) {
            case BIFF5 -> w.u8(at + 2);
            case BIFF8 -> w.u16(at + 2) & 0x3FFF;
            case BIFF12 -> w.u16(at + 4) & 0x3FFF;
        };
        return "R" + (row + 1) + "C" + (col + 1);
    }

    /** An area: both rows first, then both columns, in every version. */
    private static String area(FormulaWalk w, int at) throws FormulaWalk.Unreadable {
        boolean biff5 = w.version == BiffVersion.BIFF5;
        boolean biff12 = w.version == BiffVersion.BIFF12;
        int rowMask = biff5 ? 0x3FFF : 0xFFFF;
        long rowFirst = biff12 ? w.u32(at) : w.u16(at) & rowMask;
        long rowLast = biff12 ? w.u32(at + 4) : w.u16(at + 2) & rowMask;
        int c = at + 2 * (biff12 ? 4 : 2);
        int colFirst = biff5 ? w.u8(c) : w.u16(c) & 0x3FFF;
        int colLast = biff5 ? w.u8(c + 1) : w.u16(c + 2) & 0x3FFF;
        return "R" + (rowFirst + 1) + "C" + (colFirst + 1) + ":R" + (rowLast + 1) + "C" + (colLast + 1);
    }
}
