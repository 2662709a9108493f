package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/** Reads the LinkTargetIDList section, and the bare item lists that extra data blocks carry. */
final class IdListReader {

    static final int MAX_ITEMS = 256;

    private IdListReader() {}

    /** IDListSize (2 bytes) then the items; a list running past the end keeps the items that fit. */
    static Read<IdList> read(ByteSpan file, int offset, Charset ansi, List<ParseProblem> problems)
            throws ShortcutFormatException {
        int size = file.u16(offset);
        long listStart = offset + 2L;
        if (!file.has(listStart, size)) {
            problems.add(new ParseProblem(
                    "idList",
                    offset,
                    "IDListSize " + size + " runs past the end of the file (" + (file.length() - listStart)
                            + " bytes left)"));
            return Read.stopped(items(file.from(listStart, "the ID list"), ansi, "idList", problems));
        }
        return Read.complete(
                items(file.slice(listStart, size, "the ID list"), ansi, "idList", problems), listStart + size);
    }

    /** Items up to the two-byte zero TerminalID; every item's size is checked against the list. */
    static IdList items(ByteSpan list, Charset ansi, String section, List<ParseProblem> problems) {
        List<ShellItem> items = new ArrayList<>();
        int position = 0;
        try {
            while (true) {
                if (!list.has(position, 2)) {
                    problems.add(new ParseProblem(
                            section, list.absolute(position), "the item list has no terminal zero size"));
                    break;
                }
                int itemSize = list.u16(position);
                if (itemSize == 0) break;
                if (itemSize < 3) {
                    problems.add(new ParseProblem(
                            section, list.absolute(position), "shell item of " + itemSize + " bytes is too small"));
                    break;
                }
                if (!list.has(position, itemSize)) {
                    problems.add(new ParseProblem(
                            section,
                            list.absolute(position),
                            "shell item of " + itemSize + " bytes runs past the end of its list ("
                                    + (list.length() - position) + " bytes left)"));
                    break;
                }
                if (items.size() == MAX_ITEMS) {
                    problems.add(new ParseProblem(
                            section,
                            list.absolute(position),
                            "more than " + MAX_ITEMS + " shell items: the rest is not read"));
                    break;
                }
                ByteSpan item = list.slice(position, itemSize, "a shell item");
                items.add(readItem(item, ansi, section, problems));
                position += itemSize;
            }
        } catch (ShortcutFormatException e) {
            problems.add(new ParseProblem(section, e.offset(), e.getMessage()));
        }
        return IdList.of(items);
    }

    private static ShellItem readItem(ByteSpan item, Charset ansi, String section, List<ParseProblem> problems)
            throws ShortcutFormatException {
        try {
            return ShellItemReaders.read(item, ansi);
        } catch (ShortcutFormatException e) {
            problems.add(new ParseProblem(section, e.offset(), "shell item: " + e.getMessage()));
            return ShellItemReaders.unknown(item);
        }
    }
}
