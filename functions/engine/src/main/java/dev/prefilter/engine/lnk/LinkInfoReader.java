package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;

/**
 * Reads the LinkInfo section. Its size field decides where the next section starts; offsets inside
 * it must point past its header and inside it, and a bad offset loses only the string it points to.
 */
final class LinkInfoReader {

    private static final int HEADER_SIZE = 0x1C;
    private static final int HEADER_SIZE_WITH_UNICODE = 0x24;

    private LinkInfoReader() {}

    static Read<LinkInfo> read(ByteSpan file, int offset, Charset ansi, List<ParseProblem> problems)
            throws ShortcutFormatException {
        long size = file.u32(offset);
        if (size < HEADER_SIZE) {
            problems.add(
                    new ParseProblem("linkInfo", offset, "LinkInfoSize " + size + " is smaller than its own header"));
            return Read.stopped(null);
        }
        ByteSpan info;
        long end;
        if (file.has(offset, size)) {
            info = file.slice(offset, size, "LinkInfo");
            end = offset + size;
        } else {
            problems.add(new ParseProblem(
                    "linkInfo",
                    offset,
                    "LinkInfoSize " + size + " runs past the end of the file (" + (file.length() - offset)
                            + " bytes left)"));
            info = file.from(offset, "LinkInfo");
            end = -1;
        }
        LinkInfo value = new Fields(info, ansi, problems).read();
        return new Read<>(value, end);
    }

    /** The fields of one LinkInfo, read one by one so that a bad offset costs only its own field. */
    private static final class Fields {
        private final ByteSpan info;
        private final Charset ansi;
        private final List<ParseProblem> problems;
        private long headerSize;
        private String driveType;
        private String serial;
        private String label;
        private String localBasePath;
        private String suffix;
        private String netName;
        private String deviceName;
        private String provider;

        Fields(ByteSpan info, Charset ansi, List<ParseProblem> problems) {
            this.info = info;
            this.ansi = ansi;
            this.problems = problems;
        }

        LinkInfo read() throws ShortcutFormatException {
            info.require(0, HEADER_SIZE, "the LinkInfo header");
            headerSize = info.u32(4);
            if (headerSize < HEADER_SIZE || headerSize > info.length()) {
                problem(4, "LinkInfoHeaderSize " + headerSize + " is impossible; reading the 28-byte header");
                headerSize = HEADER_SIZE;
            }
            long flags = info.u32(8);
            boolean unicode = headerSize >= HEADER_SIZE_WITH_UNICODE;
            if ((flags & LinkInfo.VOLUME_ID_AND_LOCAL_BASE_PATH) != 0) {
                volume(info.u32(12));
                localBasePath = string(16, unicode ? 28 : -1, "LocalBasePath");
            }
            if ((flags & LinkInfo.COMMON_NETWORK_RELATIVE_LINK_AND_PATH_SUFFIX) != 0) {
                network(info.u32(20));
            }
            suffix = string(24, unicode ? 32 : -1, "CommonPathSuffix");
            return new LinkInfo(flags, driveType, serial, label, localBasePath, suffix, netName, deviceName, provider);
        }

        /** An ANSI string at the offset stored at {@code ansiField}, replaced by the Unicode one when present. */
        private String string(int ansiField, int unicodeField, String what) throws ShortcutFormatException {
            String value = null;
            long at = info.u32(ansiField);
            if (pointsInside(at, ansiField, what)) {
                value = info.ansi((int) at, info.length(), ansi);
            }
            if (unicodeField >= 0 && info.has(unicodeField, 4)) {
                long wide = info.u32(unicodeField);
                if (wide != 0 && pointsInside(wide, unicodeField, what + "Unicode")) {
                    value = info.utf16((int) wide, info.length());
                }
            }
            return value;
        }

        private void volume(long at) throws ShortcutFormatException {
            if (!pointsInside(at, 12, "VolumeID")) return;
            try {
                ByteSpan rest = info.from(at, "VolumeID");
                long size = rest.u32(0);
                if (size < 0x10 || size > rest.length()) {
                    problem(at, "VolumeIDSize " + size + " is impossible");
                    size = Math.min(Math.max(size, 0x10), rest.length());
                }
                ByteSpan volume = rest.slice(0, size, "VolumeID");
                driveType = LinkInfoNames.driveType(volume.u32(4));
                serial = String.format(Locale.ROOT, "0x%08x", volume.u32(8));
                long labelAt = volume.u32(12);
                if (labelAt == 0x14 && volume.has(16, 4)) {
                    long wide = volume.u32(16);
                    label = wide >= 0x14 && wide < volume.length() ? volume.utf16((int) wide, volume.length()) : null;
                } else if (labelAt >= 0x10 && labelAt < volume.length()) {
                    label = volume.ansi((int) labelAt, volume.length(), ansi);
                } else {
                    problem(at + 12, "VolumeLabelOffset " + labelAt + " points outside the VolumeID");
                }
            } catch (ShortcutFormatException e) {
                problems.add(new ParseProblem("linkInfo", e.offset(), "VolumeID: " + e.getMessage()));
            }
        }

        private void network(long at) throws ShortcutFormatException {
            if (!pointsInside(at, 20, "CommonNetworkRelativeLink")) return;
            try {
                ByteSpan rest = info.from(at, "CommonNetworkRelativeLink");
                long size = rest.u32(0);
                if (size < 0x14 || size > rest.length()) {
                    problem(at, "CommonNetworkRelativeLinkSize " + size + " is impossible");
                    size = Math.min(Math.max(size, 0x14), rest.length());
                }
                ByteSpan link = rest.slice(0, size, "CommonNetworkRelativeLink");
                long linkFlags = link.u32(4);
                long netNameAt = link.u32(8);
                long deviceNameAt = link.u32(12);
                boolean unicode = netNameAt > 0x14;
                netName = linkString(link, netNameAt, unicode ? 20 : -1, "NetName");
                if ((linkFlags & 0x1) != 0) {
                    deviceName = linkString(link, deviceNameAt, unicode ? 24 : -1, "DeviceName");
                }
                if ((linkFlags & 0x2) != 0) {
                    provider = LinkInfoNames.provider(link.u32(16));
                }
            } catch (ShortcutFormatException e) {
                problems.add(new ParseProblem("linkInfo", e.offset(), "CommonNetworkRelativeLink: " + e.getMessage()));
            }
        }

        private String linkString(ByteSpan link, long at, int unicodeField, String what)
                throws ShortcutFormatException {
            String value = null;
            if (at >= 0x14 && at < link.length()) {
                value = link.ansi((int) at, link.length(), ansi);
            } else {
                problems.add(new ParseProblem(
                        "linkInfo", link.absolute(0), what + "Offset " + at + " points outside its structure"));
            }
            if (unicodeField >= 0 && link.has(unicodeField, 4)) {
                long wide = link.u32(unicodeField);
                if (wide >= 0x14 && wide < link.length()) {
                    value = link.utf16((int) wide, link.length());
                }
            }
            return value;
        }

        /** Offsets must lie after the header and inside the LinkInfo: anything else is a loop or a lie. */
        private boolean pointsInside(long at, long field, String what) {
            if (at >= headerSize && at < info.length()) return true;
            problem(
                    field,
                    what + " offset " + at + " points "
                            + (at < headerSize ? "into the LinkInfo header" : "outside the LinkInfo"));
            return false;
        }

        private void problem(long at, String message) {
            problems.add(new ParseProblem("linkInfo", info.absolute((int) Math.min(at, info.length())), message));
        }
    }
}
