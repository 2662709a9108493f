package dev.prefilter.engine.lnk;

import java.util.List;

/** Reads the ShellLinkHeader. */
final class HeaderReader {

    static final String LINK_CLSID = "00021401-0000-0000-C000-000000000046";

    private HeaderReader() {}

    /** The header; a wrong size or class id is recorded and the fields are read all the same. */
    static ShellLinkHeader read(ByteSpan file, List<ParseProblem> problems) throws ShortcutFormatException {
        file.require(0, ShellLinkHeader.SIZE, "the shell link header");
        long headerSize = file.u32(0);
        if (headerSize != ShellLinkHeader.SIZE) {
            problems.add(new ParseProblem("header", 0, "header size is " + headerSize + ", not 76"));
        }
        String clsid = file.guid(4);
        if (!LINK_CLSID.equals(clsid)) {
            problems.add(
                    new ParseProblem("header", 4, "class id is " + clsid + ", not the shell link class " + LINK_CLSID));
        }
        return new ShellLinkHeader(
                file.i32(20),
                file.i32(24),
                WindowsTimes.fileTime(file.i64(28)),
                WindowsTimes.fileTime(file.i64(36)),
                WindowsTimes.fileTime(file.i64(44)),
                file.u32(52),
                file.i32(56),
                file.i32(60),
                file.u16(64));
    }
}
