package dev.prefilter.engine.container.rar;

import java.util.List;

/**
 * What a RAR header walk found.
 *
 * @param version 4 (RAR 1.5-4.x) or 5
 * @param headersEncrypted the archive encrypts its headers: nothing after that point can be listed
 * @param stoppedBy why the walk ended early on malformed input, or null
 * @param moreEntries the walk stopped at its entry bound with headers left
 */
public record RarArchive(
        int version,
        List<RarEntry> entries,
        boolean headersEncrypted,
        boolean solid,
        boolean volume,
        String stoppedBy,
        boolean moreEntries) {

    RarArchive(
            int version,
            List<RarEntry> entries,
            boolean headersEncrypted,
            boolean solid,
            boolean volume,
            String stoppedBy) {
        this(version, entries, headersEncrypted, solid, volume, stoppedBy, false);
    }
}
