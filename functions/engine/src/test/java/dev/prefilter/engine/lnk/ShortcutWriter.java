package dev.prefilter.engine.lnk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds shortcuts byte by byte for tests, one method per MS-SHLLINK structure. Link flags follow
 * from the sections given unless a test forces them, so a test can also write files that lie.
 */
final class ShortcutWriter {

    static final Charset ANSI = Charset.forName("windows-1252");
    static final String MY_COMPUTER = "20D04FE0-3AEA-1069-A2D8-08002B30309D";
    static final String NETWORK = "208D2C60-3AEA-1069-A2D7-08002B30309D";
    static final String CONTROL_PANEL = "21EC2020-3AEA-1069-A2DD-08002B30309D";
    static final String LINK_CLSID = "00021401-0000-0000-C000-000000000046";

    private int fileAttributes = 0x20;
    private long creation;
    private long access;
    private long write;
    private long fileSize;
    private int iconIndex;
    private int showCommand = 1;
    private int hotKey;
    private boolean unicode = true;
    private Integer forcedFlags;
    private int extraFlags;
    private byte[][] idItems;
    private byte[] linkInfo;
    private String name;
    private String relativePath;
    private String workingDir;
    private String arguments;
    private String iconLocation;
    private final List<byte[]> extraBlocks = new ArrayList<>();
    private boolean terminal = true;
    private byte[] appended = new byte[0];

    static ShortcutWriter shortcut() {
        return new ShortcutWriter();
    }

    /** A shortcut such as Explorer writes for {@code C:\Windows\System32\cmd.exe}. */
    static ShortcutWriter toCmd() {
        return shortcut()
                .fileSize(289_792)
                .times(Instant.parse("2021-06-05T12:10:11Z"))
                .idList(
                        rootFolder(MY_COMPUTER),
                        drive("C:\\"),
                        folder("WINDOWS", "Windows"),
                        folder("System32", "System32"),
                        file("cmd.exe", "cmd.exe", 289_792))
                .localLinkInfo(3, 0x1C2D3E4FL, "OS", "C:\\Windows\\System32\\cmd.exe", "")
                .relativePath("..\\..\\..\\Windows\\System32\\cmd.exe")
                .workingDir("C:\\Windows\\System32");
    }

    // ---- header ----

    ShortcutWriter fileAttributes(int value) {
        fileAttributes = value;
        return this;
    }

    ShortcutWriter times(Instant all) {
        creation = access = write = fileTime(all);
        return this;
    }

    ShortcutWriter rawTimes(long creationTicks, long accessTicks, long writeTicks) {
        creation = creationTicks;
        access = accessTicks;
        write = writeTicks;
        return this;
    }

    ShortcutWriter fileSize(long value) {
        fileSize = value;
        return this;
    }

    ShortcutWriter iconIndex(int value) {
        iconIndex = value;
        return this;
    }

    ShortcutWriter showCommand(int value) {
        showCommand = value;
        return this;
    }

    ShortcutWriter hotKey(int value) {
        hotKey = value;
        return this;
    }

    ShortcutWriter ansiStrings() {
        unicode = false;
        return this;
    }

    /** Flags written as given instead of computed from the sections present. */
    ShortcutWriter linkFlags(int flags) {
        forcedFlags = flags;
        return this;
    }

    /** Flags added to the computed ones (RunAsUser, HasExpString and the like). */
    ShortcutWriter withFlags(int flags) {
        extraFlags |= flags;
        return this;
    }

    // ---- sections ----

    ShortcutWriter idList(byte[]... items) {
        idItems = items;
        return this;
    }

    ShortcutWriter localLinkInfo(int driveType, long serial, String label, String basePath, String suffix) {
        linkInfo = localInfo(driveType, serial, label, basePath, suffix, false);
        return this;
    }

    ShortcutWriter localLinkInfoWithUnicode(int driveType, long serial, String label, String basePath, String suffix) {
        linkInfo = localInfo(driveType, serial, label, basePath, suffix, true);
        return this;
    }

    ShortcutWriter networkLinkInfo(String netName, String deviceName, long provider, String suffix) {
        linkInfo = networkInfo(netName, deviceName, provider, suffix);
        return this;
    }

    ShortcutWriter rawLinkInfo(byte[] bytes) {
        linkInfo = bytes;
        return this;
    }

    ShortcutWriter name(String value) {
        name = value;
        return this;
    }

    ShortcutWriter relativePath(String value) {
        relativePath = value;
        return this;
    }

    ShortcutWriter workingDir(String value) {
        workingDir = value;
        return this;
    }

    ShortcutWriter arguments(String value) {
        arguments = value;
        return this;
    }

    ShortcutWriter iconLocation(String value) {
        iconLocation = value;
        return this;
    }

    ShortcutWriter extra(byte[] block) {
        extraBlocks.add(block);
        return this;
    }

    ShortcutWriter withoutTerminal() {
        terminal = false;
        return this;
    }

    ShortcutWriter appended(byte[] bytes) {
        appended = bytes;
        return this;
    }

    int flags() {
        if (forcedFlags != null) return forcedFlags;
        int flags = extraFlags;
        if (idItems != null) flags |= 0x1;
        if (linkInfo != null) flags |= 0x2;
        if (name != null) flags |= 0x4;
        if (relativePath != null) flags |= 0x8;
        if (workingDir != null) flags |= 0x10;
        if (arguments != null) flags |= 0x20;
        if (iconLocation != null) flags |= 0x40;
        if (unicode) flags |= 0x80;
        return flags;
    }

    byte[] bytes() {
        Le out = new Le();
        int flags = flags();
        out.u32(0x4C)
                .guid(LINK_CLSID)
                .u32(flags)
                .u32(fileAttributes)
                .u64(creation)
                .u64(access)
                .u64(write)
                .u32(fileSize)
                .u32(iconIndex)
                .u32(showCommand)
                .u16(hotKey)
                .u16(0)
                .u32(0)
                .u32(0);
        if (idItems != null) {
            Le list = new Le();
            for (byte[] item : idItems) list.bytes(item);
            list.u16(0);
            out.u16(list.size()).bytes(list.toArray());
        }
        if (linkInfo != null) out.bytes(linkInfo);
        boolean wide = (flags & 0x80) != 0;
        for (String text : new String[] {name, relativePath, workingDir, arguments, iconLocation}) {
            if (text != null) out.counted(text, wide);
        }
        extraBlocks.forEach(out::bytes);
        if (terminal) out.u32(0);
        out.bytes(appended);
        return out.toArray();
    }

    // ---- shell items ----

    static byte[] rootFolder(String guid) {
        return item(new Le().u8(0x1F).u8(0x50).guid(guid));
    }

    static byte[] drive(String drive) {
        Le body = new Le().u8(0x2F).ansiz(drive);
        while (body.size() < 23) body.u8(0);
        return item(body);
    }

    static byte[] shellFolder(String guid) {
        return item(new Le().u8(0x2E).u8(0x80).guid(guid));
    }

    static byte[] folder(String shortName, String longName) {
        return fileEntry(0x31, shortName, longName, 0, 0x10);
    }

    static byte[] file(String shortName, String longName, long size) {
        return fileEntry(0x32, shortName, longName, size, 0x20);
    }

    /** A file entry whose 8.3 name is written in UTF-16 (class type flag 0x04) and has no extension block. */
    static byte[] unicodeFile(String name) {
        return item(new Le().u8(0x36).u8(0).u32(0).u16(0).u16(0).u16(0x20).utf16z(name));
    }

    /** A file entry with a version 9 (Windows 8+) 0xBEEF0004 extension block holding the long name. */
    static byte[] fileEntry(int type, String shortName, String longName, long size, int attributes) {
        return fileEntry(type, shortName, longName, size, attributes, 9);
    }

    static byte[] fileEntry(
            int type, String shortName, String longName, long size, int attributes, int extensionVersion) {
        Le body = new Le()
                .u8(type)
                .u8(0)
                .u32(size)
                .u16(dosDate(2021, 6, 5))
                .u16(dosTime(12, 10, 10))
                .u16(attributes)
                .ansiz(shortName);
        if (body.size() % 2 != 0) body.u8(0);
        if (longName != null) {
            int extensionOffset = body.size() + 2;
            int nameAt = extensionVersion >= 9 ? 46 : extensionVersion >= 8 ? 42 : extensionVersion >= 7 ? 38 : 20;
            Le block = new Le()
                    .u16(0)
                    .u16(extensionVersion)
                    .u32(0xBEEF0004L)
                    .u16(dosDate(2021, 6, 5))
                    .u16(0)
                    .u16(dosDate(2021, 6, 5))
                    .u16(0)
                    .u16(nameAt);
            while (block.size() < nameAt) block.u8(0);
            block.utf16z(longName).u16(extensionOffset);
            byte[] extension = block.toArray();
            extension[0] = (byte) extension.length;
            extension[1] = (byte) (extension.length >>> 8);
            body.bytes(extension);
        }
        return item(body);
    }

    static byte[] networkLocation(int type, String location, String description) {
        Le body = new Le().u8(type).u8(0).u8(description != null ? 0x80 : 0).ansiz(location);
        if (description != null) body.ansiz(description);
        return item(body.u16(0));
    }

    static byte[] controlPanelItem(String guid) {
        Le body = new Le().u8(0x71).u8(0);
        for (int i = 0; i < 10; i++) body.u8(0);
        return item(body.guid(guid));
    }

    static byte[] uri(String uri) {
        return item(new Le().u8(0x61).u8(0x80).u16(0).utf16z(uri));
    }

    /** A control panel applet given by path, Unicode form: signature, 12 unused bytes, offsets, strings. */
    static byte[] cplFile(String path, String displayName) {
        Le body = new Le().u8(0x00).u8(0).u32(0xFFFFFF38L);
        for (int i = 0; i < 12; i++) body.u8(0);
        body.u16(path.length() + 1).u16(0).utf16z(path).utf16z(displayName);
        return item(body);
    }

    static byte[] unknownItem(int type, byte[] payload) {
        return item(new Le().u8(type).bytes(payload));
    }

    private static byte[] item(Le body) {
        return new Le().u16(body.size() + 2).bytes(body.toArray()).toArray();
    }

    // ---- LinkInfo ----

    private static byte[] localInfo(
            int driveType, long serial, String label, String basePath, String suffix, boolean withUnicode) {
        int header = withUnicode ? 0x24 : 0x1C;
        byte[] volume = new Le()
                .u32(0)
                .u32(driveType)
                .u32(serial)
                .u32(0x10)
                .ansiz(label)
                .toArray();
        setU32(volume, 0, volume.length);
        byte[] base = new Le().ansiz(basePath).toArray();
        byte[] tail = new Le().ansiz(suffix).toArray();
        int volumeAt = header;
        int baseAt = volumeAt + volume.length;
        int suffixAt = baseAt + base.length;
        int baseWideAt = suffixAt + tail.length;
        byte[] baseWide = new Le().utf16z(basePath).toArray();
        int suffixWideAt = baseWideAt + baseWide.length;
        byte[] suffixWide = new Le().utf16z(suffix).toArray();
        Le info = new Le()
                .u32(0)
                .u32(header)
                .u32(1)
                .u32(volumeAt)
                .u32(baseAt)
                .u32(0)
                .u32(suffixAt);
        if (withUnicode) info.u32(baseWideAt).u32(suffixWideAt);
        info.bytes(volume).bytes(base).bytes(tail);
        if (withUnicode) info.bytes(baseWide).bytes(suffixWide);
        byte[] bytes = info.toArray();
        setU32(bytes, 0, bytes.length);
        return bytes;
    }

    private static byte[] networkInfo(String netName, String deviceName, long provider, String suffix) {
        Le link = new Le()
                .u32(0)
                .u32(deviceName != null ? 3 : 2)
                .u32(0x14)
                .u32(0)
                .u32(provider)
                .ansiz(netName);
        if (deviceName != null) {
            byte[] sofar = link.toArray();
            setU32(sofar, 12, sofar.length);
            link = new Le().bytes(sofar).ansiz(deviceName);
        }
        byte[] linkBytes = link.toArray();
        setU32(linkBytes, 0, linkBytes.length);
        int linkAt = 0x1C;
        int suffixAt = linkAt + linkBytes.length;
        byte[] bytes = new Le()
                .u32(0)
                .u32(0x1C)
                .u32(2)
                .u32(0)
                .u32(0)
                .u32(linkAt)
                .u32(suffixAt)
                .bytes(linkBytes)
                .ansiz(suffix)
                .toArray();
        setU32(bytes, 0, bytes.length);
        return bytes;
    }

    // ---- ExtraData blocks ----

    static byte[] environment(String target) {
        return pathBlock(0xA0000001L, target);
    }

    static byte[] iconEnvironment(String target) {
        return pathBlock(0xA0000007L, target);
    }

    static byte[] darwin(String descriptor) {
        return pathBlock(0xA0000006L, descriptor);
    }

    private static byte[] pathBlock(long signature, String text) {
        byte[] ansi = Arrays.copyOf(text.getBytes(ANSI), 260);
        ansi[259] = 0;
        byte[] wide = Arrays.copyOf(text.getBytes(StandardCharsets.UTF_16LE), 520);
        wide[518] = 0;
        wide[519] = 0;
        return new Le().u32(0x314).u32(signature).bytes(ansi).bytes(wide).toArray();
    }

    static byte[] tracker(String machineId, String droidVolume, String droidFile) {
        byte[] machine = Arrays.copyOf(machineId.getBytes(ANSI), 16);
        return new Le()
                .u32(0x60)
                .u32(0xA0000003L)
                .u32(0x58)
                .u32(0)
                .bytes(machine)
                .guid(droidVolume)
                .guid(droidFile)
                .guid(droidVolume)
                .guid(droidFile)
                .toArray();
    }

    static byte[] knownFolder(String guid, int offset) {
        return new Le().u32(0x1C).u32(0xA000000BL).guid(guid).u32(offset).toArray();
    }

    static byte[] specialFolder(int csidl, int offset) {
        return new Le().u32(0x10).u32(0xA0000005L).u32(csidl).u32(offset).toArray();
    }

    static byte[] consoleCodePage(int codePage) {
        return new Le().u32(0x0C).u32(0xA0000004L).u32(codePage).toArray();
    }

    static byte[] shim(String layer) {
        Le block = new Le().u32(0).u32(0xA0000008L).utf16z(layer);
        while (block.size() < 0x88) block.u8(0);
        byte[] bytes = block.toArray();
        setU32(bytes, 0, bytes.length);
        return bytes;
    }

    static byte[] console(String faceName, boolean fullScreen) {
        Le block = new Le()
                .u32(0xCC)
                .u32(0xA0000002L)
                .u16(0x07)
                .u16(0xF5)
                .u16(120)
                .u16(9001)
                .u16(120)
                .u16(30)
                .u16(0)
                .u16(0)
                .u32(0)
                .u32(0)
                .u32(0x100000)
                .u32(0x36)
                .u32(400);
        byte[] face = Arrays.copyOf(faceName.getBytes(StandardCharsets.UTF_16LE), 64);
        block.bytes(face)
                .u32(25)
                .u32(fullScreen ? 1 : 0)
                .u32(1)
                .u32(1)
                .u32(1)
                .u32(50)
                .u32(4)
                .u32(0);
        for (int i = 0; i < 16; i++) block.u32(i * 0x111111);
        return block.toArray();
    }

    static byte[] propertyStore(byte[] raw) {
        return new Le().u32(8 + raw.length).u32(0xA0000009L).bytes(raw).toArray();
    }

    static byte[] vistaIdList(byte[]... items) {
        Le block = new Le().u32(0).u32(0xA000000CL);
        for (byte[] item : items) block.bytes(item);
        byte[] bytes = block.u16(0).toArray();
        setU32(bytes, 0, bytes.length);
        return bytes;
    }

    static byte[] unknownBlock(long signature, byte[] payload) {
        return new Le().u32(8 + payload.length).u32(signature).bytes(payload).toArray();
    }

    // ---- values ----

    static long fileTime(Instant instant) {
        return (instant.getEpochSecond() + 11_644_473_600L) * 10_000_000L + instant.getNano() / 100;
    }

    static int dosDate(int year, int month, int day) {
        return (year - 1980) << 9 | month << 5 | day;
    }

    static int dosTime(int hour, int minute, int second) {
        return hour << 11 | minute << 5 | second / 2;
    }

    static void setU32(byte[] bytes, int at, long value) {
        for (int i = 0; i < 4; i++) bytes[at + i] = (byte) (value >>> (8 * i));
    }

    /** Little-endian output. */
    static final class Le {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Le u8(int v) {
            out.write(v);
            return this;
        }

        Le u16(int v) {
            return u8(v).u8(v >>> 8);
        }

        Le u32(long v) {
            return u16((int) v).u16((int) (v >>> 16));
        }

        Le u64(long v) {
            return u32(v).u32(v >>> 32);
        }

        Le bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Le guid(String guid) {
            String hex = guid.replace("-", "");
            u32(Long.parseLong(hex.substring(0, 8), 16))
                    .u16(Integer.parseInt(hex.substring(8, 12), 16))
                    .u16(Integer.parseInt(hex.substring(12, 16), 16));
            for (int i = 16; i < 32; i += 2) u8(Integer.parseInt(hex.substring(i, i + 2), 16));
            return this;
        }

        Le ansiz(String s) {
            return bytes(s.getBytes(ANSI)).u8(0);
        }

        Le utf16z(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_16LE)).u16(0);
        }

        /** StringData: a character count, then the characters without a terminator. */
        Le counted(String s, boolean wide) {
            return u16(s.length()).bytes(s.getBytes(wide ? StandardCharsets.UTF_16LE : ANSI));
        }

        int size() {
            return out.size();
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
