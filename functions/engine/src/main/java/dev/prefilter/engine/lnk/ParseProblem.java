package dev.prefilter.engine.lnk;

/**
 * Something in a shortcut that does not follow MS-SHLLINK; the parser records it and keeps
 * what it read so far.
 *
 * @param section the structure being read: header, idList, linkInfo, stringData, extraData
 * @param offset absolute offset in the file
 */
public record ParseProblem(String section, long offset, String message) {

    @Override
    public String toString() {
        return section + " at " + offset + ": " + message;
    }
}
