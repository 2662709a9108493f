package dev.prefilter.engine.office.vba;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The compiled code of one module: the p-code lines in the performance cache that starts its
 * stream (MS-OVBA 2.3.4.3: the first MODULEOFFSET bytes, before the compressed source). Office
 * runs these when the project's VBA version matches, whatever the source says. The cache's
 * layout is undocumented; this follows pcodedmp: a version-dependent header that locates the
 * module's tables, then a line table (magic 0xCAFE, one entry per source line) and the
 * instructions of each line. What it keeps is what the stomping check compares with the source:
 * the names the instructions refer to (resolved through the project's {@link VbaIdentifiers}),
 * the procedures they define, and their string literals.
 *
 * @param lines entries in the line table
 * @param linesWithCode lines that hold at least one instruction
 * @param names identifiers the instructions use or define, in order of first use
 * @param literals string literals
 */
record ModulePcode(int lines, int linesWithCode, Set<String> names, List<String> literals) {

    private static final int LINE_TABLE_MAGIC = 0xCAFE;
    private static final int MAX_LITERALS = 4096;

    /** Compiled code that holds no instruction: nothing of it can run. */
    boolean empty() {
        return linesWithCode == 0;
    }

    /**
     * The module's p-code, or empty when its stream has none that Office could run: no line table
     * where the header says (a module written without compiling, or zeroed), or no compiled project
     * ({@code _VBA_PROJECT}) to say how to read it. Office then compiles the source, so the source
     * is what runs.
     */
    static Optional<ModulePcode> read(byte[] cache, VbaIdentifiers identifiers, boolean win64, Charset charset) {
        if (identifiers.version() < 0 || cache.length < 0x47) return Optional.empty();
        boolean bigEndian = ((cache[2] & 0xff) | (cache[3] & 0xff) << 8) > 0xFF;
        Cursor c = new Cursor(cache, bigEndian);
        int version = identifiers.version();
        int vba = version >= 0x6B ? (version >= 0x97 ? 7 : 6) : 5;
        Tables tables;
        try {
            tables = vba == 5 ? vba5Tables(c) : vba6Tables(c, win64);
            long lineTable = c.u32(tables.lineTableAt()) + 0x3C;
            if (c.u16(lineTable) != LINE_TABLE_MAGIC) return Optional.empty();
            int lines = c.u16(lineTable + 4);
            long entries = lineTable + 6;
            long pcodeStart = entries + lines * 12L + 10;
            Walk walk = new Walk(c, identifiers, win64, vba, charset, tables);
            int withCode = 0;
            for (int i = 0; i < lines; i++) {
                long entry = entries + i * 12L;
                int length = c.u16(entry + 4);
                long offset = c.u32(entry + 8);
                if (length == 0) continue;
                withCode++;
                walk.line(pcodeStart + offset, length);
            }
            return Optional.of(new ModulePcode(lines, withCode, walk.names, walk.literals));
        } catch (Cursor.OutOfBounds e) {
            return Optional.empty();
        }
    }

    /** Where the module's side tables are, and where the offset of its line table is stored. */
    private record Tables(long lineTableAt, long indirectAt, long indirectLength, long objectAt, long objectLength) {}

    private static Tables vba6Tables(Cursor c, boolean win64) {
        long indirect = c.u32(0x11) + (win64 ? 12 : 10);
        long indirectLength = c.u32(indirect);
        long objects = c.u32(0x05) + 0x8A;
        return new Tables(0x19, indirect + 4, indirectLength, objects + 4, c.u32(objects));
    }

    private static Tables vba5Tables(Cursor c) {
        long p = c.skip(11, true, 1, false);
        p += 64;
        p = c.skip(p, false, 16, false);
        p = c.skip(p, true, 1, false);
        p += 6;
        p = c.skip(p, true, 1, false);
        long indirectLengthAt = c.u32(p + 8) + 10;
        long objects = c.u32(p) + 0x8A;
        return new Tables(p + 77, indirectLengthAt + 4, c.u32(indirectLengthAt), objects + 4, c.u32(objects));
    }

    /** Walks instructions; an unknown opcode ends its line, as in pcodedmp. */
    private static final class Walk {
        final Cursor c;
        final VbaIdentifiers identifiers;
        final boolean win64;
        final int vba;
        final Charset charset;
        final Tables tables;
        final Set<String> names = new LinkedHashSet<>();
        final List<String> literals = new ArrayList<>();

        Walk(Cursor c, VbaIdentifiers identifiers, boolean win64, int vba, Charset charset, Tables tables) {
            this.c = c;
            this.identifiers = identifiers;
            this.win64 = win64;
            this.vba = vba;
            this.charset = charset;
            this.tables = tables;
        }

        void line(long start, int length) {
            long p = start;
            long end = start + length;
            while (p < end) {
                int word = c.u16(p);
                p += 2;
                int type = word >> 10;
                int raw = word & 0x3FF;
                PcodeOpcodes.Opcode op = PcodeOpcodes.of(raw, vba, win64);
                if (op == null) return;
                int code = PcodeOpcodes.translate(raw, vba, win64);
                for (PcodeOpcodes.Arg arg : op.args()) {
                    long value = arg.size == 2 ? c.u16(p) : c.u32(p);
                    p += arg.size;
                    switch (arg) {
                        case NAME -> name((int) value);
                        case IMP -> nameAt(tables.objectAt(), tables.objectLength(), value + 6);
                        case FUNC -> {
                            if (code == PcodeOpcodes.FUNC_DEFN
                                    || code == PcodeOpcodes.FUNC_DEFN_SAVE
                                    || code == PcodeOpcodes.EVENT_DECL)
                                nameAt(tables.indirectAt(), tables.indirectLength(), value + 2);
                        }
                        case VAR -> {
                            nameAt(tables.indirectAt(), tables.indirectLength(), value + 2);
                            if ((type & 0x10) != 0) p += 2;
                        }
                        case CONTEXT -> {
                            if (win64) p += 4;
                        }
                        default -> {
                            // counts, flags and type offsets: nothing to compare with the source
                        }
                    }
                }
                if (op.varg()) {
                    int size = c.u16(p);
                    p += 2;
                    if (code == PcodeOpcodes.LIT_STR && literals.size() < MAX_LITERALS && size > 0) {
                        literals.add(new String(c.bytes(p, size), charset));
                    }
                    p += size + (size & 1);
                }
            }
        }

        private void name(int id) {
            String name = identifiers.name(id, win64);
            if (name != null) names.add(name);
        }

        /** A name id stored in one of the module's tables, when the offset lies inside that table. */
        private void nameAt(long table, long tableLength, long offset) {
            if (offset < 0 || offset + 2 > tableLength) return;
            name(c.u16(table + offset));
        }
    }
}
