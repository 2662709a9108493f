package dev.prefilter.engine.container.disk;

import dev.prefilter.engine.container.fat.FatBootSector;
import dev.prefilter.engine.container.fat.FatWalker;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.MemberVisitor;
import dev.prefilter.engine.container.io.ProblemLog;
import dev.prefilter.engine.container.io.SliceSource;
import dev.prefilter.engine.container.iso.IsoVolume;
import dev.prefilter.engine.container.iso.IsoWalker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the files of a disk: a bare volume (a "superfloppy" FAT image, an ISO 9660 volume) or the
 * volumes of an MBR/GPT partition table. FAT and ISO 9660 volumes are walked; other filesystems
 * are named so that the analyzer can say they were not opened.
 */
public final class VolumeLister {

    /** What one disk held. {@code unsupported} names the volumes that were not walked. */
    public record Listing(List<Map<String, Object>> volumes, List<String> unsupported, List<String> malformed) {

        public boolean nothingRecognised() {
            return volumes.isEmpty();
        }
    }

    private VolumeLister() {}

    public static Listing list(ByteSource disk, MemberVisitor visitor, ProblemLog problems)
            throws IOException, ContainerFormatException {
        List<Map<String, Object>> volumes = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        FileSystemKind whole = FileSystemKind.probe(disk);
        if (whole != FileSystemKind.UNKNOWN) {
            volumes.add(listVolume(disk, whole, null, "", visitor, problems, unsupported, malformed));
            return new Listing(volumes, unsupported, malformed);
        }
        List<Partition> partitions = PartitionTable.read(disk, problems);
        boolean several = partitions.size() > 1;
        for (Partition p : partitions) {
            SliceSource volume = new SliceSource(disk, p.offset(), p.length());
            FileSystemKind kind = FileSystemKind.probe(volume);
            String prefix = several ? "partition-" + p.index() : "";
            volumes.add(listVolume(volume, kind, p, prefix, visitor, problems, unsupported, malformed));
        }
        return new Listing(volumes, unsupported, malformed);
    }

    private static Map<String, Object> listVolume(
            ByteSource volume,
            FileSystemKind kind,
            Partition partition,
            String prefix,
            MemberVisitor visitor,
            ProblemLog problems,
            List<String> unsupported,
            List<String> malformed)
            throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (partition != null) {
            facts.put("partition", partition.index());
            facts.put("scheme", partition.scheme());
            facts.put("partitionType", partition.type());
            facts.put("offset", partition.offset());
        }
        facts.put("size", volume.size());
        facts.put("filesystem", kind.label());
        String where = partition == null ? "the volume" : "partition " + partition.index();
        try {
            switch (kind) {
                case FAT -> {
                    FatBootSector boot = FatBootSector.parse(volume.read(0, FatBootSector.SIZE));
                    facts.put("filesystem", "FAT" + boot.fatBits());
                    if (!boot.label().isEmpty() && !boot.label().equals("NO NAME")) {
                        facts.put("label", boot.label());
                    }
                    FatWalker walker = new FatWalker(volume, boot, visitor, problems, prefix);
                    try {
                        walker.walk();
                    } finally {
                        facts.put("files", walker.files());
                        facts.put("directories", walker.directories());
                        facts.put("hiddenFiles", walker.hiddenFiles());
                    }
                }
                case ISO9660 -> {
                    IsoVolume iso = IsoVolume.read(volume);
                    if (!iso.hasIso9660()) {
                        unsupported.add(where + " (no usable ISO 9660 descriptor)");
                        break;
                    }
                    IsoWalker walker = new IsoWalker(volume, iso.preferred(), visitor, problems, prefix);
                    try {
                        walker.walk();
                    } finally {
                        facts.put("files", walker.files());
                        facts.put("directories", walker.directories());
                        facts.put("hiddenFiles", walker.hiddenFiles());
                    }
                }
                default -> unsupported.add(where + " (" + kind.label() + ")");
            }
        } catch (ContainerFormatException e) {
            malformed.add(where + " (" + facts.get("filesystem") + "): " + e.getMessage());
        }
        return facts;
    }
}
