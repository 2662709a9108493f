package dev.prefilter.engine.container.disk;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an MBR partition table (with the extended-partition chain) or, behind a protective MBR, a
 * GPT. Entries that point outside the disk are logged and cut to the disk; chains are loop-checked
 * and bounded.
 */
public final class PartitionTable {

    static final int MAX_PARTITIONS = 128;
    private static final int SECTOR = 512;
    private static final int GPT_PROTECTIVE = 0xEE;

    private PartitionTable() {}

    /** The partitions, or an empty list when sector 0 holds no partition table. */
    public static List<Partition> read(ByteSource disk, ProblemLog problems)
            throws IOException, ContainerFormatException {
        if (!disk.contains(0, SECTOR)) {
            return List.of();
        }
        byte[] mbr = disk.read(0, SECTOR);
        if (!hasMbrSignature(mbr) || !plausibleEntries(mbr)) {
            return List.of();
        }
        for (int i = 0; i < 4; i++) {
            if (Bytes.u8(mbr, 446 + i * 16 + 4) == GPT_PROTECTIVE) {
                return Gpt.read(disk, problems);
            }
        }
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int e = 446 + i * 16;
            int type = Bytes.u8(mbr, e + 4);
            long start = Bytes.u32le(mbr, e + 8) * SECTOR;
            long length = Bytes.u32le(mbr, e + 12) * SECTOR;
            if (type == 0 || length == 0) {
                continue;
            }
            if (isExtended(type)) {
                readExtended(disk, start, partitions, problems);
            } else {
                add(disk, partitions, new Partition(i + 1, "mbr", hex(type), start, length), problems);
            }
        }
        return partitions;
    }

    static boolean hasMbrSignature(byte[] sector) {
        return (sector[510] & 0xff) == 0x55 && (sector[511] & 0xff) == 0xAA;
    }

    /** Boot flags are 0x00 or 0x80 in every entry of a real table: this rules out boot code and text. */
    private static boolean plausibleEntries(byte[] mbr) {
        boolean any = false;
        for (int i = 0; i < 4; i++) {
            int e = 446 + i * 16;
            int status = Bytes.u8(mbr, e);
            if (status != 0 && status != 0x80) {
                return false;
            }
            any |= Bytes.u8(mbr, e + 4) != 0;
        }
        return any;
    }

    private static boolean isExtended(int type) {
        return type == 0x05 || type == 0x0F || type == 0x85;
    }

    /**
     * Logical partitions: each EBR holds one partition (relative to itself) and a link (relative to
     * the extended start).
     */
    private static void readExtended(ByteSource disk, long extendedStart, List<Partition> into, ProblemLog problems)
            throws IOException, ContainerFormatException {
        Set<Long> seen = new HashSet<>();
        long ebr = extendedStart;
        int index = 5;
        while (into.size() < MAX_PARTITIONS) {
            if (!seen.add(ebr)) {
                problems.add("the extended partition chain loops back to offset " + ebr);
                return;
            }
            if (!disk.contains(ebr, SECTOR)) {
                problems.add("an extended boot record at offset " + ebr + " lies outside the disk");
                return;
            }
            byte[] sector = disk.read(ebr, SECTOR);
            if (!hasMbrSignature(sector)) {
                problems.add("the extended boot record at offset " + ebr + " has no signature");
                return;
            }
            int type = Bytes.u8(sector, 446 + 4);
            long length = Bytes.u32le(sector, 446 + 12) * SECTOR;
            if (type != 0 && length != 0) {
                add(
                        disk,
                        into,
                        new Partition(index++, "mbr", hex(type), ebr + Bytes.u32le(sector, 446 + 8) * SECTOR, length),
                        problems);
            }
            long link = Bytes.u32le(sector, 446 + 16 + 8);
            if (Bytes.u8(sector, 446 + 16 + 4) == 0 || link == 0) {
                return;
            }
            ebr = extendedStart + link * SECTOR;
        }
        problems.add("more than " + MAX_PARTITIONS + " partitions: the rest were not read");
    }

    static void add(ByteSource disk, List<Partition> into, Partition p, ProblemLog problems) {
        if (p.offset() >= disk.size()) {
            problems.add("partition " + p.index() + " starts at offset " + p.offset() + ", past the end of the "
                    + disk.size() + "-byte disk");
            return;
        }
        if (p.length() > disk.size() - p.offset()) {
            problems.add(
                    "partition " + p.index() + " runs past the end of the disk: only what the image holds was read");
        }
        into.add(p);
    }

    private static String hex(int type) {
        return String.format(Locale.ROOT, "0x%02x", type);
    }
}
