package dev.prefilter.engine.office;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiled VBA as Office 2010 and later write it for 32-bit Windows (VBA 7): a {@code _VBA_PROJECT}
 * stream whose identifier table holds the names, and module performance caches whose line table
 * points at p-code instructions that refer to those names. Enough of the layout for the reader to
 * find the lines, the procedure definitions, the calls and the string literals; the rest of the
 * cache stays zero.
 */
public final class PcodeFixtures {

    /** VBA 7 as written by Office 2016 32-bit. */
    private static final int VERSION = 0xB2;

    private static final int OBJECT_TABLE = 0x90;
    private static final int INDIRECT_TABLE = 0xA0;
    private static final int FUNCTION_SIZE = 64;

    /** Raw 32-bit VBA 7 opcodes (the VBA 7 64-bit numbers above 178 are three higher). */
    private static final int FUNC_DEFN = 150;

    private static final int END_SUB = 111;
    private static final int ARGS_CALL = 65;
    private static final int LD = 32;
    private static final int LIT_STR = 185 - 3;

    private final List<String> identifiers = new ArrayList<>();

    /** The {@code _VBA_PROJECT} stream: header, no references, no module descriptors, the identifiers. */
    public byte[] vbaProject() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[0xAE];
        put16(header, 0, 0x61CC);
        put16(header, 2, VERSION);
        put16(header, 0x28, 0xFFFF);
        put16(header, 0x2A, 0xFFFF);
        put16(header, 0x2C, 0xFFFF);
        put16(header, 0xA4, identifiers.size());
        put16(header, 0xA6, identifiers.size());
        out.writeBytes(header);
        for (String name : identifiers) {
            byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
            out.write(bytes.length);
            out.write(0);
            out.writeBytes(bytes);
            out.writeBytes(new byte[4]);
        }
        return out.toByteArray();
    }

    /** The p-code id of a name, adding it to the identifier table when new. */
    public int id(String name) {
        int index = identifiers.indexOf(name);
        if (index < 0) {
            identifiers.add(name);
            index = identifiers.size() - 1;
        }
        int code = index + 4 + (index > 0xBE ? 1 : 0);
        return (code + 0x100) << 1;
    }

    public Module module() {
        return new Module();
    }

    /** One module's performance cache, line by line. */
    public final class Module {
        private final List<byte[]> lines = new ArrayList<>();
        private final List<String> procedures = new ArrayList<>();

        /** A source line compiled to these instructions (none: a blank line). */
        public Module line(byte[]... instructions) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (byte[] i : instructions) line.writeBytes(i);
            lines.add(line.toByteArray());
            return this;
        }

        /** {@code Sub name()}: a FuncDefn pointing at its declaration in the indirect table. */
        public byte[] sub(String name) {
            procedures.add(name);
            return concat(
                    MacroFixtures.le16(FUNC_DEFN), MacroFixtures.le32((long) (procedures.size() - 1) * FUNCTION_SIZE));
        }

        public byte[] endSub() {
            return MacroFixtures.le16(END_SUB);
        }

        /** A call statement {@code name arg…} with {@code args} arguments already pushed. */
        public byte[] call(String name, int args) {
            return concat(MacroFixtures.le16(ARGS_CALL), MacroFixtures.le16(id(name)), MacroFixtures.le16(args));
        }

        /** Loads a variable or constant. */
        public byte[] load(String name) {
            return concat(MacroFixtures.le16(LD), MacroFixtures.le16(id(name)));
        }

        public byte[] literal(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            byte[] padded = new byte[bytes.length + (bytes.length & 1)];
            System.arraycopy(bytes, 0, padded, 0, bytes.length);
            return concat(MacroFixtures.le16(LIT_STR), MacroFixtures.le16(bytes.length), padded);
        }

        public byte[] build() {
            int indirectLength = Math.max(FUNCTION_SIZE, procedures.size() * FUNCTION_SIZE);
            int lineTable = INDIRECT_TABLE + 4 + indirectLength;
            int entries = lineTable + 6;
            int pcodeStart = entries + lines.size() * 12 + 10;
            int pcodeLength = lines.stream().mapToInt(l -> l.length).sum();
            byte[] cache = new byte[pcodeStart + pcodeLength];
            put32(cache, 0x05, OBJECT_TABLE - 0x8A);
            put32(cache, 0x11, INDIRECT_TABLE - 10);
            put32(cache, 0x19, lineTable - 0x3C);
            put32(cache, INDIRECT_TABLE, indirectLength);
            for (int i = 0; i < procedures.size(); i++) {
                put16(cache, INDIRECT_TABLE + 4 + i * FUNCTION_SIZE + 2, id(procedures.get(i)));
            }
            put16(cache, lineTable, 0xCAFE);
            put16(cache, lineTable + 4, lines.size());
            int offset = 0;
            for (int i = 0; i < lines.size(); i++) {
                put16(cache, entries + i * 12 + 4, lines.get(i).length);
                put32(cache, entries + i * 12 + 8, offset);
                System.arraycopy(lines.get(i), 0, cache, pcodeStart + offset, lines.get(i).length);
                offset += lines.get(i).length;
            }
            return cache;
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void put32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >> (8 * i));
    }
}
