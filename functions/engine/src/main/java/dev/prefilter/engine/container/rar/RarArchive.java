package dev.prefilter.engine.container.rar;

import java.util.List;

/**
 * What a RAR header walk found.
 *
 * @param version 4 (RAR 1.5-4.x) or 5
 * @param headersEncrypted the archive encrypts its headers: nothing after that point can be listed
 * @param stoppedBy why the walk ended before the end-of-archive header, or null
 */
public record RarArchive(int version, List<RarEntry> entries, boolean headersEncrypted, boolean solid, boolean volume,
                         String stoppedBy) {
}
