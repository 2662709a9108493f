package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;

/** Reads one kind of shell item from the item's bytes (its size field included). */
@FunctionalInterface
interface ShellItemReader {

    ShellItem read(ByteSpan item, Charset ansi) throws ShortcutFormatException;
}
