package dev.prefilter.engine.rtf;

/**
 * An OLE 1.0 object as RTF stores it in {@code \objdata} (MS-OLEDS 2.2.4 ObjectHeader and what
 * follows).
 *
 * @param formatId 1 linked, 2 embedded, 5 static (a picture)
 * @param className the OLE1 class ({@code Package}, {@code Word.Document.8}, {@code Equation.3}, {@code OLE2Link} …)
 * @param topic for a linked object: the link source (a path or URL)
 * @param nativeData for an embedded object: the server's native data (an OLE2 file for most classes)
 * @param truncated whether the declared native size ran past the data
 */
public record Ole1Object(
        long formatId, String className, String topic, String item, byte[] nativeData, boolean truncated) {

    public static final long LINKED = 1;
    public static final long EMBEDDED = 2;

    public boolean linked() {
        return formatId == LINKED;
    }
}
