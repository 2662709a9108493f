package dev.prefilter.engine.lnk;

/** One ExtraData block (MS-SHLLINK 2.5), identified by its signature. */
public sealed interface ExtraBlock {

    long ENVIRONMENT = 0xA0000001L;
    long CONSOLE = 0xA0000002L;
    long TRACKER = 0xA0000003L;
    long CONSOLE_CODE_PAGE = 0xA0000004L;
    long SPECIAL_FOLDER = 0xA0000005L;
    long DARWIN = 0xA0000006L;
    long ICON_ENVIRONMENT = 0xA0000007L;
    long SHIM = 0xA0000008L;
    long PROPERTY_STORE = 0xA0000009L;
    long KNOWN_FOLDER = 0xA000000BL;
    long VISTA_ID_LIST = 0xA000000CL;

    long signature();

    /** Unicode text when the block has it, else the ANSI text, else null. */
    private static String preferUnicode(String ansi, String unicode) {
        if (unicode != null && !unicode.isEmpty()) return unicode;
        return ansi != null && !ansi.isEmpty() ? ansi : null;
    }

    /**
     * EnvironmentVariableDataBlock: the target path with environment variables, e.g.
     * {@code %windir%\system32\cmd.exe}.
     */
    record Environment(String ansi, String unicode) implements ExtraBlock {
        public long signature() {
            return ENVIRONMENT;
        }

        public String target() {
            return preferUnicode(ansi, unicode);
        }
    }

    /** IconEnvironmentDataBlock: the icon path with environment variables. */
    record IconEnvironment(String ansi, String unicode) implements ExtraBlock {
        public long signature() {
            return ICON_ENVIRONMENT;
        }

        public String target() {
            return preferUnicode(ansi, unicode);
        }
    }

    /** ConsoleDataBlock: the console window the target gets, when it is a console program. */
    record Console(
            int fillAttributes,
            int screenBufferWidth,
            int screenBufferHeight,
            int windowWidth,
            int windowHeight,
            String faceName,
            boolean fullScreen,
            boolean quickEdit,
            boolean insertMode)
            implements ExtraBlock {
        public long signature() {
            return CONSOLE;
        }
    }

    /**
     * TrackerDataBlock: the NetBIOS name of the machine the shortcut was made on and the
     * distributed link tracker's object ids. {@code mac} is the node field of a time-based droid
     * file id: the network card of the machine that created the target.
     */
    record Tracker(
            String machineId,
            String droidVolumeId,
            String droidFileId,
            String birthDroidVolumeId,
            String birthDroidFileId,
            String mac)
            implements ExtraBlock {
        public long signature() {
            return TRACKER;
        }
    }

    /** ConsoleFEDataBlock: the console's code page. */
    record ConsoleCodePage(long codePage) implements ExtraBlock {
        public long signature() {
            return CONSOLE_CODE_PAGE;
        }
    }

    /** SpecialFolderDataBlock: a CSIDL and the offset of its item in the ID list. */
    record SpecialFolder(long folderId, long offset) implements ExtraBlock {
        public long signature() {
            return SPECIAL_FOLDER;
        }
    }

    /** DarwinDataBlock: a Windows Installer descriptor for advertised shortcuts. */
    record Darwin(String ansi, String unicode) implements ExtraBlock {
        public long signature() {
            return DARWIN;
        }

        public String data() {
            return preferUnicode(ansi, unicode);
        }
    }

    /** ShimDataBlock: the application compatibility layer the target runs under. */
    record Shim(String layerName) implements ExtraBlock {
        public long signature() {
            return SHIM;
        }
    }

    /** PropertyStoreDataBlock, kept raw (serialized property storage). */
    record PropertyStore(byte[] raw) implements ExtraBlock {
        public long signature() {
            return PROPERTY_STORE;
        }
    }

    /** KnownFolderDataBlock: a KNOWNFOLDERID and the offset of its item in the ID list. */
    record KnownFolder(String folderId, long offset) implements ExtraBlock {
        public long signature() {
            return KNOWN_FOLDER;
        }
    }

    /** VistaAndAboveIDListDataBlock: an alternative ID list. */
    record VistaIdList(IdList idList) implements ExtraBlock {
        public long signature() {
            return VISTA_ID_LIST;
        }
    }

    /** A block whose signature this parser does not know, kept with its signature and size. */
    record Unknown(long signature, long size) implements ExtraBlock {}
}
