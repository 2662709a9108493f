package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;
import java.util.List;

/**
 * Reads the StringData strings that the link flags announce, each a character count and then the
 * characters (UTF-16 when IsUnicode is set, else the ANSI code page). Name, relative path and
 * working directory are cut to 260 characters as Windows' MAX_PATH buffers cut them; the
 * arguments are not limited, which is what lets padding hide a command.
 */
final class StringDataReader {

    static final int WINDOWS_FIELD_LIMIT = 260;

    private static final LinkFlag[] ORDER = {
        LinkFlag.HAS_NAME,
        LinkFlag.HAS_RELATIVE_PATH,
        LinkFlag.HAS_WORKING_DIR,
        LinkFlag.HAS_ARGUMENTS,
        LinkFlag.HAS_ICON_LOCATION
    };

    private StringDataReader() {}

    static Read<StringData> read(
            ByteSpan file, int offset, ShellLinkHeader header, Charset ansi, List<ParseProblem> problems)
            throws ShortcutFormatException {
        boolean unicode = header.has(LinkFlag.IS_UNICODE);
        StringData.Text[] texts = new StringData.Text[ORDER.length];
        long position = offset;
        for (int i = 0; i < ORDER.length; i++) {
            LinkFlag flag = ORDER[i];
            if (!header.has(flag)) continue;
            if (!file.has(position, 2)) {
                problems.add(new ParseProblem(
                        "stringData",
                        Math.min(position, file.length()),
                        "the file ends where the " + flag.label().substring(3) + " string should start"));
                return Read.stopped(of(texts));
            }
            int count = file.u16((int) position);
            long bytes = unicode ? 2L * count : count;
            long start = position + 2;
            boolean complete = file.has(start, bytes);
            int available = (int) (complete ? bytes : file.length() - start);
            String value = unicode ? file.utf16((int) start, available) : file.ansi((int) start, available, ansi);
            boolean limited = flag != LinkFlag.HAS_ARGUMENTS && flag != LinkFlag.HAS_ICON_LOCATION;
            if (limited && value.length() > WINDOWS_FIELD_LIMIT) {
                value = value.substring(0, WINDOWS_FIELD_LIMIT);
            }
            texts[i] = new StringData.Text(value, count);
            if (!complete) {
                problems.add(new ParseProblem(
                        "stringData",
                        position,
                        "the " + flag.label().substring(3) + " string of " + count
                                + " characters runs past the end of the file; kept the " + available
                                + " bytes present"));
                return Read.stopped(of(texts));
            }
            position = start + bytes;
        }
        return Read.complete(of(texts), position);
    }

    private static StringData of(StringData.Text[] texts) {
        return new StringData(texts[0], texts[1], texts[2], texts[3], texts[4]);
    }
}
