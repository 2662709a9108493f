package dev.prefilter.engine.container.disk;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The GUID partition table behind a protective MBR, for 512- and 4096-byte sectors. */
final class Gpt {

    private static final int MAX_ENTRY_SIZE = 4096;

    private Gpt() {}

    static List<Partition> read(ByteSource disk, ProblemLog problems) throws IOException, ContainerFormatException {
        for (int sector : new int[] {512, 4096}) {
            if (disk.contains(sector, 92) && Bytes.startsWith(disk.read(sector, 92), 0, "EFI PART")) {
                return entries(disk, disk.read(sector, 92), sector, problems);
            }
        }
        problems.add("the protective MBR announces a GUID partition table, but none was found");
        return List.of();
    }

    private static List<Partition> entries(ByteSource disk, byte[] header, int sector, ProblemLog problems)
            throws IOException, ContainerFormatException {
        long entriesAt = Bytes.u64le(header, 72) * sector;
        long count = Bytes.u32le(header, 80);
        long size = Bytes.u32le(header, 84);
        if (size < 128 || size > MAX_ENTRY_SIZE || size % 8 != 0) {
            throw new ContainerFormatException("GPT partition entries of " + size + " bytes");
        }
        if (count > PartitionTable.MAX_PARTITIONS) {
            problems.add("the GPT lists " + count + " entries; only the first " + PartitionTable.MAX_PARTITIONS
                    + " were read");
            count = PartitionTable.MAX_PARTITIONS;
        }
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long at = entriesAt + i * size;
            if (!disk.contains(at, 128)) {
                problems.add("GPT entry " + (i + 1) + " lies outside the disk");
                break;
            }
            byte[] e = disk.read(at, 128);
            if (Bytes.allZero(e, 0, 16)) {
                continue;
            }
            long first = Bytes.u64le(e, 32);
            long last = Bytes.u64le(e, 40);
            if (last < first || first > Long.MAX_VALUE / sector) {
                problems.add("GPT entry " + (i + 1) + " ends before it starts");
                continue;
            }
            long length = (last - first + 1) > Long.MAX_VALUE / sector ? Long.MAX_VALUE : (last - first + 1) * sector;
            PartitionTable.add(
                    disk, partitions, new Partition(i + 1, "gpt", Bytes.guid(e, 0), first * sector, length), problems);
        }
        return partitions;
    }
}
