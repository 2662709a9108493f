package dev.prefilter.engine.container.rar;

/**
 * One file or directory header of a RAR archive.
 *
 * @param dataOffset where its packed data starts in the archive
 * @param crc32 CRC-32 of the unpacked data, or -1 when the header has none
 * @param split whether its data continues in another volume
 * @param linkTarget the target of a RAR5 redirection record (symbolic link, junction, hard link), or null
 */
public record RarEntry(
        String name,
        long unpackedSize,
        long packedSize,
        boolean directory,
        boolean encrypted,
        boolean stored,
        boolean split,
        long dataOffset,
        long crc32,
        String linkTarget) {}
