package dev.prefilter.engine.office.vba;

/**
 * What follows each p-code opcode, so that a module's compiled lines can be walked instruction by
 * instruction: the opcode numbers are VBA 7's (64-bit numbering); older and 32-bit VBA numbers are
 * translated first. The argument layout is the one pcodedmp documents (VBA p-code has no public
 * specification). Only the argument sizes, the name arguments, the procedure definitions and the
 * string literals matter here; mnemonics are kept for the few opcodes the reader treats apart.
 */
final class PcodeOpcodes {

    /** One argument of an instruction. */
    enum Arg {
        /** a 16-bit identifier id */
        NAME(2),
        /** a 16-bit number (count, flags, mode) */
        WORD(2),
        /** a 16-bit offset into the module's object table (a type or class name) */
        IMP(2),
        /** a 32-bit offset into the module's indirect table: a procedure declaration */
        FUNC(4),
        /** a 32-bit offset into the indirect table: a variable declaration (two more bytes with type flag 0x10) */
        VAR(4),
        /** a 32-bit offset into the indirect table: a record type */
        REC(4),
        /** a 32-bit offset into the indirect table: a type */
        TYPE(4),
        /** a 32-bit context offset (64 bits on 64-bit VBA) */
        CONTEXT(4);

        final int size;

        Arg(int size) {
            this.size = size;
        }
    }

    /** @param varg a counted byte string follows the fixed arguments (string literal, comment, continuation) */
    record Opcode(Arg[] args, boolean varg) {}

    static final int LAST = 263;
    static final int FUNC_DEFN = 150;
    static final int FUNC_DEFN_SAVE = 151;
    static final int EVENT_DECL = 116;
    static final int LIT_STR = 185;
    static final int QUOTE_REM = 227;
    static final int REM = 231;
    static final int REPARSE = 230;

    private static final Arg[] NONE = {};
    private static final Opcode[] TABLE = new Opcode[LAST + 1];

    static {
        set(0, LAST, NONE);
        set(31, 34, Arg.NAME);
        set(35, 35, Arg.WORD);
        set(36, 38, Arg.NAME, Arg.WORD);
        set(39, 41, Arg.NAME);
        set(42, 42, Arg.WORD);
        set(43, 45, Arg.NAME, Arg.WORD);
        set(46, 48, Arg.NAME);
        set(49, 49, Arg.WORD);
        set(50, 52, Arg.NAME, Arg.WORD);
        set(53, 54, Arg.NAME);
        set(55, 56, Arg.NAME, Arg.WORD);
        set(57, 58, Arg.NAME);
        set(59, 60, Arg.NAME, Arg.WORD);
        set(61, 62, Arg.NAME);
        set(63, 68, Arg.NAME, Arg.WORD);
        set(70, 70, Arg.WORD);
        set(73, 74, Arg.NAME);
        set(85, 86, Arg.WORD);
        set(90, 90, Arg.CONTEXT);
        set(92, 92, Arg.WORD, Arg.WORD);
        set(102, 102, Arg.IMP);
        set(114, 114, Arg.WORD);
        set(116, 116, Arg.FUNC);
        set(117, 119, Arg.NAME, Arg.WORD);
        set(138, 138, Arg.WORD);
        set(145, 145, Arg.WORD);
        set(148, 148, Arg.IMP);
        set(150, 151, Arg.FUNC);
        set(153, 154, Arg.NAME);
        set(157, 158, Arg.IMP);
        set(159, 159, Arg.WORD, Arg.WORD, Arg.WORD, Arg.WORD);
        set(163, 163, Arg.NAME);
        set(165, 165, Arg.WORD);
        varg(166);
        set(168, 168, Arg.NAME);
        set(169, 170, Arg.WORD, Arg.WORD, Arg.WORD, Arg.WORD);
        set(172, 172, Arg.WORD);
        set(173, 173, Arg.WORD, Arg.WORD);
        set(174, 174, Arg.WORD, Arg.WORD, Arg.WORD, Arg.WORD);
        set(175, 175, Arg.WORD);
        set(176, 176, Arg.WORD, Arg.WORD);
        set(177, 177, Arg.WORD, Arg.WORD, Arg.WORD, Arg.WORD);
        set(179, 179, Arg.WORD);
        set(180, 180, Arg.WORD, Arg.WORD);
        set(181, 181, Arg.WORD, Arg.WORD, Arg.WORD, Arg.WORD);
        set(182, 182, Arg.WORD, Arg.WORD);
        set(183, 183, Arg.WORD, Arg.WORD, Arg.WORD, Arg.WORD);
        varg(LIT_STR);
        set(194, 197, Arg.NAME, Arg.WORD, Arg.TYPE);
        set(201, 201, Arg.IMP);
        set(204, 204, Arg.NAME);
        varg(205);
        varg(206);
        set(207, 207, Arg.WORD);
        set(212, 212, Arg.NAME);
        set(225, 225, Arg.WORD);
        TABLE[QUOTE_REM] = new Opcode(new Arg[] {Arg.WORD}, true);
        set(228, 229, Arg.NAME, Arg.WORD, Arg.TYPE);
        varg(REPARSE);
        varg(REM);
        set(232, 232, Arg.NAME);
        set(235, 235, Arg.WORD);
        set(238, 238, Arg.IMP);
        set(241, 241, Arg.WORD, Arg.WORD);
        set(243, 243, Arg.REC);
        set(245, 245, Arg.VAR);
        set(251, 251, Arg.NAME);
        set(261, 261, Arg.NAME);
    }

    private PcodeOpcodes() {}

    private static void set(int from, int to, Arg... args) {
        for (int i = from; i <= to; i++) TABLE[i] = new Opcode(args, false);
    }

    private static void varg(int opcode) {
        TABLE[opcode] = new Opcode(NONE, true);
    }

    /** The instruction for a raw opcode (low ten bits of the instruction word), or null when unknown. */
    static Opcode of(int raw, int vbaVersion, boolean win64) {
        int op = translate(raw, vbaVersion, win64);
        return op >= 0 && op <= LAST ? TABLE[op] : null;
    }

    /** The VBA 7 (64-bit) number of a raw opcode of this VBA version. */
    static int translate(int op, int vbaVersion, boolean win64) {
        if (vbaVersion == 5) {
            if (op <= 68) return op;
            if (op <= 71) return op + 1;
            if (op <= 112) return op + 3;
            if (op <= 151) return op + 7;
            if (op <= 165) return op + 8;
            if (op <= 167) return op + 9;
            if (op <= 170) return op + 10;
            return op + 11;
        }
        if (win64) return op;
        if (op <= 173) return op;
        if (op <= 175) return op + 1;
        if (op <= 178) return op + 2;
        return op + 3;
    }
}
