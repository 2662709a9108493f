package dev.prefilter.engine.office.ole;

/** Lets other test packages build the same OOXML fixture as {@link OleObjectAnalyzerTest}. */
public final class OleObjectAnalyzerTestAccess {

    private OleObjectAnalyzerTestAccess() {}

    public static byte[] docxWithEmbedding(byte[] oleObjectBin) {
        return OleObjectAnalyzerTest.docxWithEmbedding("word/embeddings/oleObject1.bin", oleObjectBin);
    }
}
