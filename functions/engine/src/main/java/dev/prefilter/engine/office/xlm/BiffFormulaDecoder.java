package dev.prefilter.engine.office.xlm;

import static dev.prefilter.engine.binary.Bytes.u16le;
import static dev.prefilter.engine.binary.Bytes.u32le;
import static dev.prefilter.engine.binary.Bytes.u64le;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.poi.ss.formula.function.FunctionMetadata;
import org.apache.poi.ss.formula.function.FunctionMetadataRegistry;

/**
 * Walks the parsed-expression tokens (Ptgs) of a BIFF5 or BIFF8 cell formula in reverse Polish
 * order and renders it as R1C1 text, keeping the function names and the string constants,
 * including strings that {@code CHAR()} calls and {@code &} joins build. POI's Ptg classes read
 * BIFF8 only and stop at macro-sheet function indices they do not know; this walker knows the
 * token sizes of each version (BIFF5, BIFF8 and the .xlsb BIFF12) and names functions through {@link XlmFunctions}. An unknown
 * token ends the walk; what was read is kept.
 */
final class BiffFormulaDecoder {

    record Decoded(String text, List<String> functions, List<String> strings, int charCalls, boolean complete) {}

    private static final int CHAR_INDEX = 111;
    private static final int MAX_TOKENS = 10_000;
    private static final String[] BINARY = {
        null, null, null, "+", "-", "*", "/", "^", "&", "<", "<=", "=", ">=", ">", "<>", " ", ",", ":"
    };

    /** A stack value: its text and, when it is a known constant string, that string. */
    private record Value(String text, String constant) {}

    private final XlmFunctions functions;

    BiffFormulaDecoder(XlmFunctions functions) {
        this.functions = functions;
    }

    Decoded decode(
            byte[] rgce,
            int offset,
            int length,
            BiffVersion version,
            Charset charset,
            IntFunction<String> nameByIndex) {
        return decode(rgce, offset, length, version, charset, nameByIndex, i -> null);
    }

    /**
     * @param sheetBy3dIndex the sheet name for a 3-D reference's index (BIFF8/12: the EXTERNSHEET
     *     entry; BIFF5: the sheet's position), or null when unknown
     */
    Decoded decode(
            byte[] rgce,
            int offset,
            int length,
            BiffVersion version,
            Charset charset,
            IntFunction<String> nameByIndex,
            IntFunction<String> sheetBy3dIndex) {
        Deque<Value> stack = new ArrayDeque<>();
        List<String> names = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        int charCalls = 0;
        int pos = offset;
        int end = Math.min(rgce.length, offset + length);
        boolean complete = true;
        int tokens = 0;
        try {
            while (pos < end && tokens++ < MAX_TOKENS) {
                int ptg = rgce[pos++] & 0xff;
                int base = ptg < 0x20 ? ptg : (ptg & 0x1f) | 0x20;
                switch (base) {
                    case 0x01, 0x02 -> {
                        push(stack, "{shared formula}", null);
                        pos += 4;
                    }
                    case 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11 -> {
                        Value b = pop(stack);
                        Value a = pop(stack);
                        String constant = base == 0x08 && a.constant() != null && b.constant() != null
                                ? a.constant() + b.constant()
                                : null;
                        if (constant != null
                                && constant.length() > 2
                                && (a.text().contains("CHAR(") || b.text().contains("CHAR("))) {
                            strings.add(constant);
                        }
                        push(stack, a.text() + BINARY[base] + b.text(), constant);
                    }
                    case 0x12 -> push(stack, "+" + pop(stack).text(), null);
                    case 0x13 -> push(stack, "-" + pop(stack).text(), null);
                    case 0x14 -> push(stack, pop(stack).text() + "%", null);
                    case 0x15 -> {
                        Value v = pop(stack);
                        push(stack, "(" + v.text() + ")", v.constant());
                    }
                    case 0x16 -> push(stack, "", null);
                    case 0x17 -> {
                        String s;
                        if (version == BiffVersion.BIFF12) {
                            int cch = u16le(rgce, pos);
                            pos += 2;
                            s = new String(rgce, pos, Math.min(cch * 2, end - pos), StandardCharsets.UTF_16LE);
                            pos += cch * 2;
                            strings.add(s);
                            push(stack, "\"" + s.replace("\"", "\"\"") + "\"", s);
                            continue;
                        }
                        int cch = rgce[pos++] & 0xff;
                        if (version == BiffVersion.BIFF8) {
                            boolean wide = (rgce[pos++] & 0x01) != 0;
                            int bytes = wide ? cch * 2 : cch;
                            s = new String(
                                    rgce,
                                    pos,
                                    Math.min(bytes, end - pos),
                                    wide ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
                            pos += bytes;
                        } else {
                            s = new String(rgce, pos, Math.min(cch, end - pos), charset);
                            pos += cch;
                        }
                        strings.add(s);
                        push(stack, "\"" + s.replace("\"", "\"\"") + "\"", s);
                    }
                    case 0x19 -> {
                        int grbit = rgce[pos] & 0xff;
                        int w = u16le(rgce, pos + 1);
                        pos += 3;
                        if ((grbit & 0x04) != 0) pos += 2 * (w + 1);
                        if ((grbit & 0x10) != 0) push(stack, "SUM(" + pop(stack).text() + ")", null);
                    }
                    case 0x1c -> push(stack, "#ERR" + (rgce[pos++] & 0xff), null);
                    case 0x1d -> push(stack, rgce[pos++] != 0 ? "TRUE" : "FALSE", null);
                    case 0x1e -> {
                        int v = u16le(rgce, pos);
                        pos += 2;
                        push(stack, Integer.toString(v), null);
                    }
                    case 0x1f -> {
                        double d = Double.longBitsToDouble(u64le(rgce, pos));
                        pos += 8;
                        push(
                                stack,
                                d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d),
                                null);
                    }
                    case 0x20 -> {
                        push(stack, "{array}", null);
                        pos += version.array;
                    }
                    case 0x21 -> {
                        int index = u16le(rgce, pos);
                        pos += 2;
                        String name = functions.name(index, false);
                        FunctionMetadata md = FunctionMetadataRegistry.getFunctionByIndex(index);
                        int args = md != null && md.getMinParams() == md.getMaxParams() ? md.getMinParams() : 1;
                        names.add(name);
                        Value call = call(stack, name, args);
                        if (index == CHAR_INDEX) {
                            charCalls++;
                            call = charValue(call);
                        }
                        stack.push(call);
                    }
                    case 0x22 -> {
                        int args = rgce[pos] & 0x7f;
                        int tab = u16le(rgce, pos + 1);
                        pos += 3;
                        boolean command = (tab & 0x8000) != 0;
                        String name = functions.name(tab & 0x7fff, command);
                        names.add(name);
                        Value call = call(stack, name, args);
                        if (!command && (tab & 0x7fff) == CHAR_INDEX) {
                            charCalls++;
                            call = charValue(call);
                        }
                        stack.push(call);
                    }
                    case 0x23 -> {
                        int index = u16le(rgce, pos);
                        pos += version.name;
                        push(stack, nameByIndex.apply(index), null);
                    }
                    case 0x24, 0x2a, 0x2c -> {
                        push(stack, base == 0x2a ? "#REF!" : ref(rgce, pos, version), null);
                        pos += version.ref;
                    }
                    case 0x25, 0x2b, 0x2d -> {
                        push(stack, base == 0x2b ? "#REF!" : area(rgce, pos, version), null);
                        pos += version.area;
                    }
                    case 0x26, 0x27, 0x28 -> pos += 6;
                    case 0x29 -> pos += 2;
                    case 0x39 -> {
                        push(stack, "[external name]", null);
                        pos += version.nameX;
                    }
                    case 0x3a, 0x3c -> {
                        push(
                                stack,
                                base == 0x3c
                                        ? "#REF!"
                                        : sheet(rgce, pos, version, sheetBy3dIndex) + "!"
                                                + ref(rgce, pos + version.offsetIn3d, version),
                                null);
                        pos += version.ref3d;
                    }
                    case 0x3b, 0x3d -> {
                        push(
                                stack,
                                base == 0x3d
                                        ? "#REF!"
                                        : sheet(rgce, pos, version, sheetBy3dIndex) + "!"
                                                + area(rgce, pos + version.offsetIn3d, version),
                                null);
                        pos += version.area3d;
                    }
                    default -> {
                        complete = false;
                        pos = end;
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | StringIndexOutOfBoundsException truncatedToken) {
            // a token runs past the end of the formula: keep what was read
            complete = false;
        }
        StringBuilder text = new StringBuilder("=");
        List<Value> rest = new ArrayList<>(stack);
        for (int i = rest.size() - 1; i >= 0; i--) {
            text.append(rest.get(i).text());
            if (i > 0) text.append(' ');
        }
        return new Decoded(text.toString(), names, strings, charCalls, complete);
    }

    private static Value charValue(Value call) {
        String inner = call.text().substring("CHAR(".length(), call.text().length() - 1);
        try {
            int code = Integer.parseInt(inner.trim());
            if (code > 0 && code < 0x10000) return new Value(call.text(), String.valueOf((char) code));
        } catch (NumberFormatException notConstant) {
            // CHAR of a cell or an expression: its value is not known without running the sheet
        }
        return call;
    }

    private static Value call(Deque<Value> stack, String name, int args) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args; i++) values.add(0, pop(stack).text());
        return new Value(name + "(" + String.join(",", values) + ")", null);
    }

    private static void push(Deque<Value> stack, String text, String constant) {
        if (stack.size() < 4096) stack.push(new Value(text.length() > 4000 ? text.substring(0, 4000) : text, constant));
    }

    private static Value pop(Deque<Value> stack) {
        return stack.isEmpty() ? new Value("?", null) : stack.pop();
    }

    /** The sheet a 3-D reference names: BIFF8/12 by its EXTERNSHEET index (first field), BIFF5 by itabFirst (after ixals and 8 reserved bytes). */
    private static String sheet(byte[] b, int pos, BiffVersion v, IntFunction<String> sheetBy3dIndex) {
        int index = v == BiffVersion.BIFF5 ? (short) u16le(b, pos + 10) : u16le(b, pos);
        String name = index < 0 ? null : sheetBy3dIndex.apply(index);
        if (name == null) return "[sheet]";
        return name.matches("[A-Za-z_][A-Za-z0-9_.]*") ? name : "'" + name.replace("'", "''") + "'";
    }

    /** R1C1 text of a cell reference: BIFF5 row(2, flags on top) col(1); BIFF8 row(2) col(2, flags on top); BIFF12 row(4) col(2). */
    private static String ref(byte[] b, int pos, BiffVersion v) {
        long row = switch (v) {
            case BIFF5 -> u16le(b, pos) & 0x3fff;
            case BIFF8 -> u16le(b, pos);
            case BIFF12 -> u32le(b, pos);
        };
        int col = switch (v) {
            case BIFF5 -> b[pos + 2] & 0xff;
            case BIFF8 -> u16le(b, pos + 2) & 0x3fff;
            case BIFF12 -> u16le(b, pos + 4) & 0x3fff;
        };
        return "R" + (row + 1) + "C" + (col + 1);
    }

    /** An area: both rows first, then both columns, in every version. */
    private static String area(byte[] b, int pos, BiffVersion v) {
        int rowBytes = v == BiffVersion.BIFF12 ? 4 : 2;
        long rowFirst =
                v == BiffVersion.BIFF12 ? u32le(b, pos) : u16le(b, pos) & (v == BiffVersion.BIFF5 ? 0x3fff : 0xffff);
        long rowLast = v == BiffVersion.BIFF12
                ? u32le(b, pos + 4)
                : u16le(b, pos + 2) & (v == BiffVersion.BIFF5 ? 0x3fff : 0xffff);
        int c = pos + 2 * rowBytes;
        int colFirst = v == BiffVersion.BIFF5 ? b[c] & 0xff : u16le(b, c) & 0x3fff;
        int colLast = v == BiffVersion.BIFF5 ? b[c + 1] & 0xff : u16le(b, c + 2) & 0x3fff;
        return "R" + (rowFirst + 1) + "C" + (colFirst + 1) + ":R" + (rowLast + 1) + "C" + (colLast + 1);
    }
}
