package dev.prefilter.engine.office.dde;

/**
 * One DDE construct found in a document.
 *
 * @param kind {@link Kind#FIELD} (Word field), {@link Kind#LINK} (a workbook's DDE link) or {@link Kind#FORMULA}
 * @param keyword {@code DDE}/{@code DDEAUTO} for fields; the DDE service (application) for links and formulas
 * @param text the field instruction, the topic (command) or the formula
 * @param where the part, stream, cell or line it was found in
 */
public record DdeHit(Kind kind, String keyword, String text, String where) {

    public enum Kind {
        FIELD,
        LINK,
        FORMULA
    }
}
