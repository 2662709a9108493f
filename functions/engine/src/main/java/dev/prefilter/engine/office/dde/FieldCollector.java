package dev.prefilter.engine.office.dde;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Rebuilds Word fields from their begin / separate / end marks, whether they come from the
 * binary text stream (0x13, 0x14, 0x15) or from OOXML {@code w:fldChar} elements. A nested field
 * contributes its value to the instruction it sits in, so {@code {DDEAUTO {QUOTE 99 109 100} …}}
 * is seen as {@code DDEAUTO cmd …}.
 */
final class FieldCollector {

    private static final int MAX_INSTRUCTION = 64 * 1024;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_FIELDS = 100_000;

    private final Deque<Field> open = new ArrayDeque<>();
    private final List<String> instructions = new ArrayList<>();

    private static final class Field {
        final StringBuilder instruction = new StringBuilder();
        final StringBuilder result = new StringBuilder();
        boolean separated;
    }

    void begin() {
        if (open.size() < MAX_DEPTH) {
            open.push(new Field());
        }
    }

    void separate() {
        if (!open.isEmpty()) {
            open.peek().separated = true;
        }
    }

    void end() {
        if (open.isEmpty()) {
            return;
        }
        Field f = open.pop();
        String instruction = f.instruction.toString();
        if (instructions.size() < MAX_FIELDS) {
            instructions.add(instruction);
        }
        text(FieldInstructions.value(instruction, f.result.toString()));
    }

    /** Text in the document: instruction text or result text of the innermost open field. */
    void text(String s) {
        if (open.isEmpty() || s.isEmpty()) {
            return;
        }
        Field f = open.peek();
        StringBuilder into = f.separated ? f.result : f.instruction;
        if (into.length() < MAX_INSTRUCTION) {
            into.append(s, 0, Math.min(s.length(), MAX_INSTRUCTION - into.length()));
        }
    }

    /** Instruction text: in OOXML it is marked as such, whatever the separator state. */
    void instructionText(String s) {
        if (open.isEmpty()) {
            return;
        }
        StringBuilder into = open.peek().instruction;
        if (into.length() < MAX_INSTRUCTION) {
            into.append(s, 0, Math.min(s.length(), MAX_INSTRUCTION - into.length()));
        }
    }

    /** A complete simple field ({@code w:fldSimple}) whose instruction is an attribute. */
    void simple(String instruction) {
        begin();
        instructionText(instruction);
        separate();
    }

    /** All instructions, innermost fields first; unterminated fields are closed at the end. */
    List<String> finish() {
        while (!open.isEmpty()) {
            end();
        }
        return instructions;
    }
}
