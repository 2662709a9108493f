package dev.prefilter.engine.office.xlm;

import dev.prefilter.engine.binary.Bytes;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One walk over a formula's tokens: the bytes and the position in them, the operand stack, and
 * what the walk collects (function names, string constants, CHAR() calls). Every read is checked
 * against the end of the byte array and fails with {@link Unreadable}, so that a token cut off by
 * the end of its record ends the walk instead of reading past it.
 */
final class FormulaWalk {

    /** A token runs past the end of the bytes, or names a function no table knows. */
    static final class Unreadable extends Exception {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    /** A stack value: its text and, when it is a known constant string, that string. */
    record Value(String text, String constant) {}

    private static final int MAX_STACK = 4096;
    private static final int MAX_VALUE_CHARS = 4000;

    final BiffVersion version;
    final Charset charset;
    final XlmFunctions functions;
    final IntFunction<String> nameByIndex;
    final IntFunction<String> sheetBy3dIndex;
    /** The formula ends here (or at the end of the bytes, whichever comes first). */
    final int end;

    private final byte[] bytes;
    private final Deque<Value> stack = new ArrayDeque<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();
    private int position;
    private int charCalls;

    FormulaWalk(
            byte[] bytes,
            int offset,
            int length,
            BiffVersion version,
            Charset charset,
            XlmFunctions functions,
            IntFunction<String> nameByIndex,
            IntFunction<String> sheetBy3dIndex) {
        this.bytes = bytes;
        this.position = offset;
        this.end = Math.min(bytes.length, offset + length);
        this.version = version;
        this.charset = charset;
        this.functions = functions;
        this.nameByIndex = nameByIndex;
        this.sheetBy3dIndex = sheetBy3dIndex;
    }

    int position() {
        return position;
    }

    boolean more() {
        return position < end;
    }

    void skip(int count) {
        position += count;
    }

    /** The byte at the position, and past it. */
    int next() throws Unreadable {
        int b = u8(position);
        position++;
        return b;
    }

    int u8(int at) throws Unreadable {
        need(at, 1);
        return Bytes.u8(bytes, at);
    }

    int u16(int at) throws Unreadable {
        need(at, 2);
        return Bytes.u16le(bytes, at);
    }

    long u32(int at) throws Unreadable {
        need(at, 4);
        return Bytes.u32le(bytes, at);
    }

    long u64(int at) throws Unreadable {
        need(at, 8);
        return Bytes.u64le(bytes, at);
    }

    String text(int at, int length, Charset encoding) throws Unreadable {
        if (length < 0) throw new Unreadable();
        need(at, length);
        return new String(bytes, at, length, encoding);
    }

    void push(String text, String constant) {
        if (stack.size() < MAX_STACK) {
            stack.push(
                    new Value(text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) : text, constant));
        }
    }

    /** A function call's value goes on the stack whole: its text is what the IOC and keyword scans read. */
    void pushCall(Value call) {
        stack.push(call);
    }

    /** The top of the stack; {@code ?} for an operand the formula does not have. */
    Value pop() {
        return stack.isEmpty() ? new Value("?", null) : stack.pop();
    }

    void function(String name) {
        names.add(name);
    }

    void string(String value) {
        strings.add(value);
    }

    void charCall() {
        charCalls++;
    }

    BiffFormulaDecoder.Decoded decoded(boolean complete) {
        StringBuilder text = new StringBuilder("=");
        List<Value> rest = new ArrayList<>(stack);
        for (int i = rest.size() - 1; i >= 0; i--) {
            text.append(rest.get(i).text());
            if (i > 0) text.append(' ');
        }
        return new BiffFormulaDecoder.Decoded(text.toString(), names, strings, charCalls, complete);
    }

    private void need(int at, int count) throws Unreadable {
        if (at < 0 || at > bytes.length - count) throw new Unreadable();
    }
}
