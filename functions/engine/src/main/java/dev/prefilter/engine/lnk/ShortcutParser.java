package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Windows shortcut (MS-SHLLINK) section by section. It never throws on malformed input:
 * each problem is recorded with its offset and the sections read before it are kept. Reads are
 * bounded by the bytes given; the caller decides how much of a file that is.
 */
public final class ShortcutParser {

    /**
     * ANSI strings are in the creating system's code page, which the file does not record; this is
     * Windows' western default.
     */
    public static final Charset DEFAULT_ANSI = Charset.forName("windows-1252");

    static final int MAX_PROBLEMS = 32;

    private final Charset ansi;

    public ShortcutParser() {
        this(DEFAULT_ANSI);
    }

    public ShortcutParser(Charset ansi) {
        this.ansi = ansi;
    }

    public Shortcut parse(byte[] data) {
        return parse(data, data.length);
    }

    /** Parses the first {@code length} bytes of {@code data}. */
    public Shortcut parse(byte[] data, int length) {
        return parse(data, 0, length);
    }

    /**
     * Parses a shortcut embedded at {@code offset} (a jump list entry). Offsets in the result,
     * problems and {@code structureEnd} included, count from the shortcut's first byte.
     */
    public Shortcut parse(byte[] data, int offset, int length) {
        List<ParseProblem> problems = new ArrayList<>();
        ByteSpan file = ByteSpan.of(data, offset, length);
        Sections sections = new Sections();
        try {
            sections.read(file, problems);
        } catch (ShortcutFormatException e) {
            problems.add(new ParseProblem(sections.current, e.offset(), e.getMessage()));
        }
        List<ParseProblem> kept = problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
        return new Shortcut(
                sections.header,
                sections.idList,
                sections.linkInfo,
                sections.strings,
                sections.extraBlocks,
                sections.structureEnd,
                kept);
    }

    /** The sections read so far, in file order; {@code current} names the one being read. */
    private final class Sections {
        String current = "header";
        ShellLinkHeader header;
        IdList idList;
        LinkInfo linkInfo;
        StringData strings;
        List<ExtraBlock> extraBlocks = List.of();
        long structureEnd = -1;

        void read(ByteSpan file, List<ParseProblem> problems) throws ShortcutFormatException {
            header = HeaderReader.read(file, problems);
            long offset = ShellLinkHeader.SIZE;
            if (header.has(LinkFlag.HAS_TARGET_ID_LIST)) {
                current = "idList";
                Read<IdList> read = IdListReader.read(file, (int) offset, ansi, problems);
                idList = read.value();
                if (!read.canContinue()) return;
                offset = read.end();
            }
            // with ForceNoLinkInfo Windows ignores the LinkInfo, but it is in the file and its paths are still evidence
            if (header.has(LinkFlag.HAS_LINK_INFO)) {
                current = "linkInfo";
                Read<LinkInfo> read = LinkInfoReader.read(file, (int) offset, ansi, problems);
                linkInfo = read.value();
                if (!read.canContinue()) return;
                offset = read.end();
            }
            current = "stringData";
            Read<StringData> text = StringDataReader.read(file, (int) offset, header, ansi, problems);
            strings = text.value();
            if (!text.canContinue()) return;
            current = "extraData";
            Read<List<ExtraBlock>> extra = ExtraDataReader.read(file, text.end(), ansi, problems);
            extraBlocks = extra.value();
            structureEnd = extra.end();
        }
    }
}
