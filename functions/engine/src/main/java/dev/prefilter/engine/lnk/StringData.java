package dev.prefilter.engine.lnk;

/** The StringData section (MS-SHLLINK 2.4); a field is null when its flag is not set. */
public record StringData(Text name, Text relativePath, Text workingDir, Text arguments, Text iconLocation) {

    static final StringData NONE = new StringData(null, null, null, null, null);

    /**
     * One string as Windows shows it, and how many characters the file stored for it: padding
     * past what Explorer shows is visible only in {@code storedChars}.
     *
     * @param value the characters up to the first NUL, cut to the field's limit
     * @param storedChars CountCharacters from the file
     */
    public record Text(String value, int storedChars) {}

    static String valueOf(Text text) {
        return text == null ? null : text.value();
    }
}
