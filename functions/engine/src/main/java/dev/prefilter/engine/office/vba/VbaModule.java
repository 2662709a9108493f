package dev.prefilter.engine.office.vba;

/**
 * One module of a VBA project.
 *
 * @param name module name from the dir stream
 * @param streamName name of its stream in the VBA storage
 * @param kind {@code standard} (procedural .bas) or {@code class} (document, class and form modules)
 * @param source decompressed source text, decoded with the project's code page
 * @param sourceBytes size of the decompressed source in bytes
 * @param sha256 SHA-256 of the decompressed source bytes
 * @param performanceCache the compiled part of the module stream before the source (p-code), possibly empty
 * @param problem what went wrong while reading this module, or null
 */
public record VbaModule(
        String name,
        String streamName,
        String kind,
        String source,
        int sourceBytes,
        String sha256,
        byte[] performanceCache,
        String problem) {}
