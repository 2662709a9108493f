package dev.prefilter.engine.office.ole;

/**
 * One object found inside an OLE2 container (a Word object pool storage, an Excel MBD storage, an
 * OOXML {@code embeddings/oleObject*.bin}, a PowerPoint ExOleObjStg, an RTF {@code \objdata}).
 * {@code location} is its storage path inside the container.
 */
public sealed interface OleObject {

    String location();

    /** An OLE Package: a file or a command line. */
    record PackageObject(String location, OlePackage pkg) implements OleObject {}

    /** {@code Ole10Native} data that claims to be a package but cannot be read as one. */
    record MalformedPackage(String location, String error, byte[] nativeData) implements OleObject {}

    /** {@code Ole10Native} data of another OLE1 class: raw bytes for the engine to type. */
    record NativeData(String location, byte[] data) implements OleObject {}

    /**
     * A document stored as an object: an OLE2 Word/Excel/PowerPoint storage (re-serialised as its
     * own OLE2 file), an OOXML {@code Package} stream, a {@code CONTENTS} stream (PDF and others).
     *
     * @param kind word, excel, powerpoint, visio, ooxml, odf or contents
     */
    record EmbeddedDocument(String location, String kind, byte[] bytes) implements OleObject {}

    /** A Microsoft Equation Editor 3.0 object, the component CVE-2017-11882 and CVE-2018-0802 exploit. */
    record EquationEditor(String location, String evidence) implements OleObject {}

    /**
     * An object linked to a source outside the document, which Office fetches to update it
     * (the CVE-2017-0199 mechanism when the source is a URL).
     *
     * @param target URL or path of the link source, or null when no moniker could be read
     * @param alwaysUpdate whether the link updates automatically when the document opens
     */
    record LinkedObject(String location, String target, boolean alwaysUpdate) implements OleObject {}

    /** The container holds more objects than one document is allowed to hand on; the rest were not read. */
    record CountLimit(String location, int limit) implements OleObject {}

    /** An object that was not read because it is larger than the in-memory bound. */
    record Oversized(String location, long size, long limit) implements OleObject {}
}
