package dev.prefilter.engine.container.fat;

import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.MemberNames;
import dev.prefilter.engine.container.io.MemberVisitor;
import dev.prefilter.engine.container.io.ProblemLog;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a FAT12/16/32 volume from the root through every subdirectory and hands each file to a
 * visitor, streaming it along its cluster chain. Bounded: directory depth, directory size (the
 * 65,536 slots FAT allows), one visit per directory cluster (loops), file sizes against the volume.
 */
public final class FatWalker {

    static final int MAX_DEPTH = 32;
    private static final int MAX_DIRECTORY_SLOTS = 65_536;

    private final ByteSource source;
    private final FatBootSector boot;
    private final FatTable fat;
    private final MemberVisitor visitor;
    private final ProblemLog problems;
    private final String prefix;
    private final Set<Long> visitedDirectories = new HashSet<>();
    private int files;
    private int directories;
    private int hidden;
    private boolean stopped;

    /**
     * @param source the volume, starting at its boot sector
     * @param prefix path prefix for members (a partition label on multi-partition disks), or ""
     */
    public FatWalker(ByteSource source, FatBootSector boot, MemberVisitor visitor, ProblemLog problems, String prefix) {
        this.source = source;
        this.boot = boot;
        this.fat = new FatTable(source, boot);
        this.visitor = visitor;
        this.problems = problems;
        this.prefix = prefix;
    }

    public void walk() throws IOException, ContainerFormatException {
        if (boot.fatBits() == 32) {
            if (!boot.validCluster(boot.rootCluster())) {
                throw new ContainerFormatException(
                        "the FAT32 root directory cluster " + boot.rootCluster() + " is not a data cluster");
            }
            walkDirectory(chainBytes(boot.rootCluster()), prefix, 0);
        } else {
            long length = boot.rootDirBytes();
            if (!source.contains(boot.rootDirOffset(), length)) {
                problems.add("the root directory runs past the end of the image");
                length = Math.max(0, source.size() - boot.rootDirOffset());
            }
            walkDirectory(
                    source.read(boot.rootDirOffset(), (int) Math.min(length, (long) MAX_DIRECTORY_SLOTS * 32)),
                    prefix,
                    0);
        }
    }

    /** A directory's bytes along its chain, bounded by FAT's maximum directory size and loop-checked. */
    private byte[] chainBytes(long firstCluster) throws IOException, ContainerFormatException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long maxBytes = (long) MAX_DIRECTORY_SLOTS * FatDirectoryParser.SLOT;
        long cluster = firstCluster;
        byte[] buffer = new byte[boot.clusterSize()];
        while (out.size() < maxBytes) {
            if (!visitedDirectories.add(cluster)) {
                problems.add("a directory's cluster chain reaches cluster " + cluster + " twice (a loop)");
                break;
            }
            long at = boot.clusterOffset(cluster);
            if (!source.contains(at, buffer.length)) {
                problems.add("directory cluster " + cluster + " lies outside the image");
                break;
            }
            source.readFully(at, buffer, 0, buffer.length);
            out.write(buffer, 0, buffer.length);
            long next = fat.next(cluster);
            if (next == FatTable.END) {
                break;
            }
            if (next == FatTable.BROKEN) {
                problems.add(
                        "a directory's cluster chain reaches a free, bad or out-of-range cluster after " + cluster);
                break;
            }
            cluster = next;
        }
        return out.toByteArray();
    }

    private void walkDirectory(byte[] slots, String path, int depth) throws IOException, ContainerFormatException {
        // the slots are dropped before the walk goes down: at most one directory's bytes are held
        walkSubdirectories(listDirectory(slots, path), path, depth);
    }

    /** Hands the files of one directory to the visitor and returns its subdirectories. */
    private List<FatDirectoryEntry> listDirectory(byte[] slots, String path) throws IOException {
        FatDirectoryParser parser = new FatDirectoryParser();
        List<FatDirectoryEntry> subdirectories = new ArrayList<>();
        for (int off = 0; off + FatDirectoryParser.SLOT <= slots.length && !stopped; off += FatDirectoryParser.SLOT) {
            FatDirectoryEntry entry = parser.parse(slots, off);
            if (parser.ended()) {
                break;
            }
            if (entry == null) {
                continue;
            }
            if (!visitor.visit()) {
                stopped = true;
                break;
            }
            if (entry.directory()) {
                subdirectories.add(entry);
            } else {
                file(entry, MemberNames.join(path, entry.name()));
            }
        }
        return subdirectories;
    }

    private void walkSubdirectories(List<FatDirectoryEntry> subdirectories, String path, int depth)
            throws IOException, ContainerFormatException {
        for (FatDirectoryEntry d : subdirectories) {
            if (stopped) {
                return;
            }
            String sub = MemberNames.join(path, d.name());
            if (depth + 1 > MAX_DEPTH) {
                problems.add("directory " + sub + " is nested deeper than " + MAX_DEPTH + " levels: not listed");
                continue;
            }
            if (!boot.validCluster(d.firstCluster())) {
                problems.add("directory " + sub + " starts at cluster " + d.firstCluster()
                        + ", which is not a data cluster");
                continue;
            }
            if (visitedDirectories.contains(d.firstCluster())) {
                problems.add(
                        "directory " + sub + " points back to a directory already listed (a loop): not listed again");
                continue;
            }
            directories++;
            walkDirectory(chainBytes(d.firstCluster()), sub, depth + 1);
        }
    }

    private void file(FatDirectoryEntry entry, String path) throws IOException {
        files++;
        Map<String, Object> facts = new LinkedHashMap<>();
        if (entry.hidden()) {
            hidden++;
            facts.put("hidden", true);
        }
        if (entry.system()) {
            facts.put("system", true);
        }
        if (!entry.name().equals(entry.shortName())) {
            facts.put("shortName", entry.shortName());
        }
        long size = entry.size();
        long dataBytes = boot.clusterCount() * boot.clusterSize();
        if (size > dataBytes) {
            problems.add("file " + path + " claims " + size + " bytes, more than the volume's " + dataBytes
                    + "-byte data area");
            size = dataBytes;
        }
        if (size == 0) {
            stopped = !visitor.file(path, InputStream.nullInputStream(), -1, facts);
            return;
        }
        ClusterChainInputStream data = new ClusterChainInputStream(source, boot, fat, entry.firstCluster(), size);
        stopped = !visitor.file(path, data, -1, facts);
        if (data.problem() != null) {
            problems.add("file " + path + " was cut short: " + data.problem());
        }
    }

    public int files() {
        return files;
    }

    public int directories() {
        return directories;
    }

    public int hiddenFiles() {
        return hidden;
    }
}
