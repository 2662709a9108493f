package dev.prefilter.engine.container.disk;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.fat.FatBootSector;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/** What a volume's first sectors say it is. Only FAT and ISO 9660 are walked; the rest are named. */
public enum FileSystemKind {
    FAT("FAT"),
    ISO9660("ISO 9660"),
    UDF("UDF"),
    NTFS("NTFS"),
    EXFAT("exFAT"),
    REFS("ReFS"),
    EXT("ext2/3/4"),
    HFS_PLUS("HFS+"),
    APFS("APFS"),
    UNKNOWN("unknown");

    private final String label;

    FileSystemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static FileSystemKind probe(ByteSource volume) throws IOException, ContainerFormatException {
        if (volume.contains(0, FatBootSector.SIZE)) {
            byte[] boot = volume.read(0, FatBootSector.SIZE);
            if (Bytes.startsWith(boot, 3, "NTFS    ")) return NTFS;
            if (Bytes.startsWith(boot, 3, "EXFAT   ")) return EXFAT;
            if (Bytes.startsWith(boot, 3, "ReFS")) return REFS;
            if (Bytes.startsWith(boot, 32, "NXSB")) return APFS;
            if (FatBootSector.parse(boot) != null) return FAT;
        }
        if (volume.contains(1024, 512)) {
            byte[] superblock = volume.read(1024, 512);
            if (Bytes.u16le(superblock, 56) == 0xEF53) return EXT;
            if (Bytes.startsWith(superblock, 0, "H+") || Bytes.startsWith(superblock, 0, "HX")) return HFS_PLUS;
        }
        for (int sector = 16; sector < 20; sector++) {
            long at = sector * 2048L + 1;
            if (!volume.contains(at, 5)) {
                break;
            }
            String id = new String(volume.read(at, 5), java.nio.charset.StandardCharsets.US_ASCII);
            if (id.equals("CD001")) return ISO9660;
            if (id.equals("NSR02") || id.equals("NSR03")) return UDF;
        }
        return UNKNOWN;
    }
}
