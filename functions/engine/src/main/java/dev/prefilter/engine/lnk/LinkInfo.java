package dev.prefilter.engine.lnk;

/**
 * The LinkInfo section (MS-SHLLINK 2.3). Strings prefer the Unicode copies when the file has them.
 *
 * @param flags LinkInfoFlags: 1 VolumeIDAndLocalBasePath, 2 CommonNetworkRelativeLinkAndPathSuffix
 * @param driveSerialNumber {@code 0x} and eight hex digits
 */
public record LinkInfo(
        long flags,
        String driveType,
        String driveSerialNumber,
        String volumeLabel,
        String localBasePath,
        String commonPathSuffix,
        String netName,
        String deviceName,
        String networkProviderType) {

    static final long VOLUME_ID_AND_LOCAL_BASE_PATH = 1;
    static final long COMMON_NETWORK_RELATIVE_LINK_AND_PATH_SUFFIX = 2;

    /** The target as Windows puts it together: local base path plus suffix, else net name, backslash, suffix. */
    public String targetPath() {
        String suffix = commonPathSuffix == null ? "" : commonPathSuffix;
        if (localBasePath != null && !localBasePath.isEmpty()) {
            return localBasePath + suffix;
        }
        if (netName != null && !netName.isEmpty()) {
            return suffix.isEmpty() ? netName : netName + "\\" + suffix;
        }
        return null;
    }
}
