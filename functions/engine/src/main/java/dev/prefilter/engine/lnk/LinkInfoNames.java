package dev.prefilter.engine.lnk;

import java.util.Locale;
import java.util.Map;

/** Names for VolumeID drive types and CommonNetworkRelativeLink provider types. */
final class LinkInfoNames {

    private static final String[] DRIVE_TYPES = {
        "DRIVE_UNKNOWN",
        "DRIVE_NO_ROOT_DIR",
        "DRIVE_REMOVABLE",
        "DRIVE_FIXED",
        "DRIVE_REMOTE",
        "DRIVE_CDROM",
        "DRIVE_RAMDISK"
    };

    /** winnetwk.h WNNC_NET_* values; MS-SHLLINK lists most of them, LANMAN (SMB) is the common one. */
    private static final Map<Long, String> PROVIDERS = Map.ofEntries(
            Map.entry(0x00020000L, "WNNC_NET_LANMAN"),
            Map.entry(0x001A0000L, "WNNC_NET_AVID"),
            Map.entry(0x001B0000L, "WNNC_NET_DOCUSPACE"),
            Map.entry(0x001C0000L, "WNNC_NET_MANGOSOFT"),
            Map.entry(0x001D0000L, "WNNC_NET_SERNET"),
            Map.entry(0x001E0000L, "WNNC_NET_RIVERFRONT1"),
            Map.entry(0x001F0000L, "WNNC_NET_RIVERFRONT2"),
            Map.entry(0x00200000L, "WNNC_NET_DECORB"),
            Map.entry(0x00210000L, "WNNC_NET_PROTSTOR"),
            Map.entry(0x00220000L, "WNNC_NET_FJ_REDIR"),
            Map.entry(0x00230000L, "WNNC_NET_DISTINCT"),
            Map.entry(0x00240000L, "WNNC_NET_TWINS"),
            Map.entry(0x00250000L, "WNNC_NET_RDR2SAMPLE"),
            Map.entry(0x00260000L, "WNNC_NET_CSC"),
            Map.entry(0x00270000L, "WNNC_NET_3IN1"),
            Map.entry(0x00290000L, "WNNC_NET_EXTENDNET"),
            Map.entry(0x002A0000L, "WNNC_NET_STAC"),
            Map.entry(0x002B0000L, "WNNC_NET_FOXBAT"),
            Map.entry(0x002C0000L, "WNNC_NET_YAHOO"),
            Map.entry(0x002D0000L, "WNNC_NET_EXIFS"),
            Map.entry(0x002E0000L, "WNNC_NET_DAV"),
            Map.entry(0x002F0000L, "WNNC_NET_KNOWARE"),
            Map.entry(0x00300000L, "WNNC_NET_OBJECT_DIRE"),
            Map.entry(0x00310000L, "WNNC_NET_MASFAX"),
            Map.entry(0x00320000L, "WNNC_NET_HOB_NFS"),
            Map.entry(0x00330000L, "WNNC_NET_SHIVA"),
            Map.entry(0x00340000L, "WNNC_NET_IBMAL"),
            Map.entry(0x00350000L, "WNNC_NET_LOCK"),
            Map.entry(0x00360000L, "WNNC_NET_TERMSRV"),
            Map.entry(0x00370000L, "WNNC_NET_SRT"),
            Map.entry(0x00380000L, "WNNC_NET_QUINCY"),
            Map.entry(0x00390000L, "WNNC_NET_OPENAFS"),
            Map.entry(0x003A0000L, "WNNC_NET_AVID1"),
            Map.entry(0x003B0000L, "WNNC_NET_DFS"),
            Map.entry(0x003C0000L, "WNNC_NET_KWNP"),
            Map.entry(0x003D0000L, "WNNC_NET_ZENWORKS"),
            Map.entry(0x003E0000L, "WNNC_NET_DRIVEONWEB"),
            Map.entry(0x003F0000L, "WNNC_NET_VMWARE"),
            Map.entry(0x00400000L, "WNNC_NET_RSFX"),
            Map.entry(0x00410000L, "WNNC_NET_MFILES"),
            Map.entry(0x00420000L, "WNNC_NET_MS_NFS"),
            Map.entry(0x00430000L, "WNNC_NET_GOOGLE"));

    private LinkInfoNames() {}

    static String driveType(long value) {
        return value >= 0 && value < DRIVE_TYPES.length
                ? DRIVE_TYPES[(int) value]
                : String.format(Locale.ROOT, "0x%08X", value);
    }

    static String provider(long value) {
        return PROVIDERS.getOrDefault(value, String.format(Locale.ROOT, "0x%08X", value));
    }
}
