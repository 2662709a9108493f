package dev.prefilter.engine.lnk;

import java.util.List;
import java.util.Optional;

/**
 * A parsed shortcut: every section that could be read, and what could not.
 *
 * @param header null when not even the header could be read
 * @param idList null when absent
 * @param linkInfo null when absent
 * @param structureEnd offset just past the terminal block, where appended data starts; -1 when the
 *     terminal block was not reached
 * @param problems departures from MS-SHLLINK, in file order
 */
public record Shortcut(
        ShellLinkHeader header,
        IdList idList,
        LinkInfo linkInfo,
        StringData strings,
        List<ExtraBlock> extraBlocks,
        long structureEnd,
        List<ParseProblem> problems) {

    public Shortcut {
        strings = strings == null ? StringData.NONE : strings;
        extraBlocks = List.copyOf(extraBlocks);
        problems = List.copyOf(problems);
    }

    public <T extends ExtraBlock> Optional<T> block(Class<T> kind) {
        return extraBlocks.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    Shortcut withProblem(ParseProblem problem) {
        List<ParseProblem> more = new java.util.ArrayList<>(problems);
        more.add(problem);
        return new Shortcut(header, idList, linkInfo, strings, extraBlocks, structureEnd, more);
    }

    public boolean complete() {
        return structureEnd >= 0;
    }
}
