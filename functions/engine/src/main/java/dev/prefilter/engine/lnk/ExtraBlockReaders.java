package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** ExtraData block readers by signature. Blocks without a reader become {@link ExtraBlock.Unknown}. */
final class ExtraBlockReaders {

    private static final int ANSI_PATH = 260;
    private static final int UNICODE_PATH = 520;

    private static final Map<Long, ExtraBlockReader> BY_SIGNATURE = Map.ofEntries(
            Map.entry(
                    ExtraBlock.ENVIRONMENT, (b, cs, p) -> new ExtraBlock.Environment(pathAnsi(b, cs), pathUnicode(b))),
            Map.entry(
                    ExtraBlock.ICON_ENVIRONMENT,
                    (b, cs, p) -> new ExtraBlock.IconEnvironment(pathAnsi(b, cs), pathUnicode(b))),
            Map.entry(ExtraBlock.DARWIN, (b, cs, p) -> new ExtraBlock.Darwin(pathAnsi(b, cs), pathUnicode(b))),
            Map.entry(ExtraBlock.CONSOLE, (b, cs, p) -> console(b)),
            Map.entry(ExtraBlock.TRACKER, (b, cs, p) -> tracker(b, cs)),
            Map.entry(ExtraBlock.CONSOLE_CODE_PAGE, (b, cs, p) -> new ExtraBlock.ConsoleCodePage(b.u32(8))),
            Map.entry(ExtraBlock.SPECIAL_FOLDER, (b, cs, p) -> new ExtraBlock.SpecialFolder(b.u32(8), b.u32(12))),
            Map.entry(ExtraBlock.SHIM, (b, cs, p) -> new ExtraBlock.Shim(b.utf16(8, b.length() - 8))),
            Map.entry(ExtraBlock.PROPERTY_STORE, (b, cs, p) -> new ExtraBlock.PropertyStore(b.copy(8, b.length() - 8))),
            Map.entry(ExtraBlock.KNOWN_FOLDER, (b, cs, p) -> new ExtraBlock.KnownFolder(b.guid(8), b.u32(24))),
            Map.entry(
                    ExtraBlock.VISTA_ID_LIST,
                    (b, cs, p) -> new ExtraBlock.VistaIdList(
                            IdListReader.items(b.from(8, "the ID list"), cs, "extraData", p))));

    private ExtraBlockReaders() {}

    static ExtraBlock read(ByteSpan block, Charset ansi, List<ParseProblem> problems) throws ShortcutFormatException {
        long signature = block.u32(4);
        ExtraBlockReader reader = BY_SIGNATURE.get(signature);
        return reader == null ? new ExtraBlock.Unknown(signature, block.length()) : reader.read(block, ansi, problems);
    }

    static String signatureName(long signature) {
        return String.format(Locale.ROOT, "0x%08X", signature);
    }

    private static String pathAnsi(ByteSpan block, Charset ansi) throws ShortcutFormatException {
        block.require(8, ANSI_PATH, "the ANSI path");
        return block.ansi(8, ANSI_PATH, ansi);
    }

    /** Short blocks (Windows XP wrote some without the Unicode half) give null rather than a problem. */
    private static String pathUnicode(ByteSpan block) throws ShortcutFormatException {
        return block.has(8 + ANSI_PATH, UNICODE_PATH) ? block.utf16(8 + ANSI_PATH, UNICODE_PATH) : null;
    }

    private static ExtraBlock console(ByteSpan block) throws ShortcutFormatException {
        block.require(0, 0xCC, "the console block");
        return new ExtraBlock.Console(
                block.u16(8),
                (short) block.u16(12),
                (short) block.u16(14),
                (short) block.u16(16),
                (short) block.u16(18),
                block.utf16(44, 64),
                block.u32(112) != 0,
                block.u32(116) != 0,
                block.u32(120) != 0);
    }

    private static ExtraBlock tracker(ByteSpan block, Charset ansi) throws ShortcutFormatException {
        block.require(0, 0x60, "the tracker block");
        String droidFile = block.guid(48);
        String birthFile = block.guid(80);
        String mac = Droids.mac(block, 48);
        if (mac == null) mac = Droids.mac(block, 80);
        return new ExtraBlock.Tracker(
                block.ansi(16, 16, ansi), block.guid(32), droidFile, block.guid(64), birthFile, mac);
    }
}
