package dev.prefilter.engine.office.vba;

import java.util.regex.Pattern;

/**
 * Whether a module's source holds anything that can run. VBA runs statements only inside
 * procedures; what stands outside them is declarations (variables, constants, {@code Declare}
 * of DLL functions, {@code Type} and {@code Enum} blocks, options). A module of declarations and
 * procedures without a single statement ({@code Sub AutoOpen()} followed by {@code End Sub})
 * does nothing when it is called. A line this does not recognise counts as a statement, so an
 * unusual layout (a header with a statement after a colon) keeps the module counted as code.
 */
final class SourceStatements {

    private static final Pattern PROCEDURE = Pattern.compile("(?iU)(?:(?:Public|Private|Friend)\\s+)?(?:Static\\s+)?"
            + "(?:Sub|Function|Property\\s+(?:Get|Let|Set))\\s+\\w+"
            + "(?:\\s*\\((?:[^()\"':]|\"[^\"]*\"|\\(\\s*\\))*\\))?"
            + "(?:\\s+As\\s+[\\w.]+(?:\\s*\\(\\s*\\))?)?");
    private static final Pattern PROCEDURE_END = Pattern.compile("(?i)End\\s+(?:Sub|Function|Property)");
    private static final Pattern BLOCK = Pattern.compile("(?iU)(?:(?:Public|Private)\\s+)?(?:Type|Enum)\\s+\\w+");
    private static final Pattern BLOCK_END = Pattern.compile("(?i)End\\s+(?:Type|Enum)");
    private static final Pattern DECLARATION = Pattern.compile("(?i)(?:Option|Public|Private|Global|Dim|Const|Friend"
            + "|Declare|Implements|Event|Def(?:Bool|Byte|Int|Lng|LngLng|LngPtr|Cur|Sng|Dbl|Dec|Date|Str|Obj|Var))\\b"
            + "|#");

    private SourceStatements() {}

    /** Lines that are statements: inside a procedure's body, or not recognisable as a declaration. */
    static int count(String source) {
        int statements = 0;
        boolean inProcedure = false;
        boolean inBlock = false;
        for (SourceLines.Line line : SourceLines.of(source)) {
            String t = withoutComment(line.text()).strip();
            if (t.isEmpty() || SourceLines.isAttribute(t)) continue;
            if (inProcedure) {
                if (PROCEDURE_END.matcher(t).matches()) inProcedure = false;
                else statements++;
            } else if (inBlock) {
                inBlock = !BLOCK_END.matcher(t).matches();
            } else if (PROCEDURE.matcher(t).matches()) {
                inProcedure = true;
            } else if (BLOCK.matcher(t).matches()) {
                inBlock = true;
            } else if (!DECLARATION.matcher(t).lookingAt()) {
                statements++;
            }
        }
        return statements;
    }

    /** The line without its comment: {@code Rem …} as a statement, or from a quote outside a string literal. */
    static String withoutComment(String line) {
        String t = line.stripLeading();
        if (t.regionMatches(true, 0, "Rem", 0, 3) && (t.length() == 3 || Character.isWhitespace(t.charAt(3))))
            return "";
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') inString = !inString;
            else if (c == '\'' && !inString) return line.substring(0, i);
        }
        return line;
    }
}
