package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;
import java.util.List;

/** Reads one kind of ExtraData block from its bytes, the size and signature fields included. */
@FunctionalInterface
interface ExtraBlockReader {

    ExtraBlock read(ByteSpan block, Charset ansi, List<ParseProblem> problems) throws ShortcutFormatException;
}
