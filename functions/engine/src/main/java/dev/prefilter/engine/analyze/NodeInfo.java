package dev.prefilter.engine.analyze;

import dev.prefilter.engine.detect.TypeInfo;

/**
 * What the engine knows about a node before analyzers run.
 *
 * @param name file name as given (archive entry path, MIME filename), or a label for unnamed parts
 * @param named whether {@code name} is a real file name rather than a label the engine made up
 * @param path display path from the root, segments joined with {@code " > "}
 * @param depth 0 for the input
 */
public record NodeInfo(
        String name, boolean named, String path, int depth, Origin origin, TypeInfo type, long size, String sha256) {

    /** The detected media type without parameters, e.g. {@code application/zip}. */
    public String detectedType() {
        return TypeInfo.base(type.detected());
    }

    public boolean is(String mediaType) {
        return detectedType().equals(mediaType);
    }

    /** Lower-case last extension of a real file name, without dot, or empty. */
    public String extension() {
        return named ? dev.prefilter.engine.detect.FileNames.extension(name) : "";
    }
}
