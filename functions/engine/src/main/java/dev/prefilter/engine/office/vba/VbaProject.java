package dev.prefilter.engine.office.vba;

import java.util.List;

/**
 * A VBA project found in a Compound File (a {@code VBA} storage with its {@code dir} stream).
 *
 * @param storagePath where the project sits, e.g. {@code _VBA_PROJECT_CUR} or {@code Macros}, empty for a
 *     vbaProject.bin root
 * @param codePage the project's code page (PROJECTCODEPAGE)
 * @param win64 the project was compiled for 64-bit Windows (PROJECTSYSKIND 3): its p-code is laid out differently
 * @param modules modules in dir-stream order
 * @param compiledProject the {@code _VBA_PROJECT} stream (identifier table and version-dependent cache), possibly empty
 * @param problems what could not be read, for a parse finding; the modules that were read are still analysed
 */
public record VbaProject(
        String storagePath,
        int codePage,
        boolean win64,
        List<VbaModule> modules,
        byte[] compiledProject,
        List<String> problems) {}
