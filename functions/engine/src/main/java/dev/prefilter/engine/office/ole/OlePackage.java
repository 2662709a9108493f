package dev.prefilter.engine.office.ole;

import dev.prefilter.engine.detect.FileNames;

/**
 * An OLE Package ("Packager Shell Object", the {@code Ole10Native} native data): either a file
 * carried inside the document, shown as an icon that opens it on double-click, or a command line
 * that runs when the icon is activated.
 *
 * @param label the caption under the icon, usually the file name
 * @param sourcePath where the file was on the author's machine (or the icon source for commands)
 * @param tempPath where Office writes the file before opening it
 * @param command the command line, for {@link Kind#COMMAND} packages
 * @param data the file's bytes, for {@link Kind#FILE} packages
 * @param truncated whether the declared data size ran past the end of the stream
 */
public record OlePackage(
        Kind kind, String label, String sourcePath, String tempPath, String command, byte[] data, boolean truncated) {

    public enum Kind {
        /** An embedded file. */
        FILE,
        /** A command line (Packager's "Command Line" object) or a link to a file outside the document. */
        COMMAND
    }

    /**
     * The name the payload has when Office writes it out and opens it: the temp path's file name,
     * else the source path's, else the label (which is only a caption and can say anything).
     */
    public String fileName() {
        for (String candidate : new String[] {tempPath, sourcePath, label}) {
            String base = candidate == null ? "" : FileNames.baseName(candidate).strip();
            if (!base.isEmpty()) {
                return base;
            }
        }
        return "";
    }
}
