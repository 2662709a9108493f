package dev.prefilter.engine.lnk;

import java.util.ArrayList;
import java.util.List;

/** The LinkFlags bits of the ShellLinkHeader, named as MS-SHLLINK 2.1.1 names them. */
enum LinkFlag {
    HAS_TARGET_ID_LIST(0, "HasTargetIDList"),
    HAS_LINK_INFO(1, "HasLinkInfo"),
    HAS_NAME(2, "HasName"),
    HAS_RELATIVE_PATH(3, "HasRelativePath"),
    HAS_WORKING_DIR(4, "HasWorkingDir"),
    HAS_ARGUMENTS(5, "HasArguments"),
    HAS_ICON_LOCATION(6, "HasIconLocation"),
    IS_UNICODE(7, "IsUnicode"),
    FORCE_NO_LINK_INFO(8, "ForceNoLinkInfo"),
    HAS_EXP_STRING(9, "HasExpString"),
    RUN_IN_SEPARATE_PROCESS(10, "RunInSeparateProcess"),
    UNUSED1(11, "Unused1"),
    HAS_DARWIN_ID(12, "HasDarwinID"),
    RUN_AS_USER(13, "RunAsUser"),
    HAS_EXP_ICON(14, "HasExpIcon"),
    NO_PIDL_ALIAS(15, "NoPidlAlias"),
    UNUSED2(16, "Unused2"),
    RUN_WITH_SHIM_LAYER(17, "RunWithShimLayer"),
    FORCE_NO_LINK_TRACK(18, "ForceNoLinkTrack"),
    ENABLE_TARGET_METADATA(19, "EnableTargetMetadata"),
    DISABLE_LINK_PATH_TRACKING(20, "DisableLinkPathTracking"),
    DISABLE_KNOWN_FOLDER_TRACKING(21, "DisableKnownFolderTracking"),
    DISABLE_KNOWN_FOLDER_ALIAS(22, "DisableKnownFolderAlias"),
    ALLOW_LINK_TO_LINK(23, "AllowLinkToLink"),
    UNALIAS_ON_SAVE(24, "UnaliasOnSave"),
    PREFER_ENVIRONMENT_PATH(25, "PreferEnvironmentPath"),
    KEEP_LOCAL_ID_LIST_FOR_UNC_TARGET(26, "KeepLocalIDListForUNCTarget");

    private final int bit;
    private final String label;

    LinkFlag(int bit, String label) {
        this.bit = 1 << bit;
        this.label = label;
    }

    int bit() {
        return bit;
    }

    String label() {
        return label;
    }

    /** Names of the bits set, in bit order; bits MS-SHLLINK does not define appear as {@code 0x...}. */
    static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        int known = 0;
        for (LinkFlag flag : values()) {
            known |= flag.bit;
            if ((flags & flag.bit) != 0) names.add(flag.label);
        }
        HeaderNames.addUndefinedBits(names, flags & ~known);
        return names;
    }
}
