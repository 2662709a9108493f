package dev.prefilter.engine.container.fat;

/**
 * One file or directory of a FAT directory, its long name resolved when a valid LFN run precedes it.
 *
 * @param name the long name when there is one, else the 8.3 name
 */
record FatDirectoryEntry(String name, String shortName, int attributes, long firstCluster, long size) {

    static final int READ_ONLY = 0x01;
    static final int HIDDEN = 0x02;
    static final int SYSTEM = 0x04;
    static final int VOLUME_LABEL = 0x08;
    static final int DIRECTORY = 0x10;

    boolean directory() {
        return (attributes & DIRECTORY) != 0;
    }

    boolean hidden() {
        return (attributes & HIDDEN) != 0;
    }

    boolean system() {
        return (attributes & SYSTEM) != 0;
    }
}
