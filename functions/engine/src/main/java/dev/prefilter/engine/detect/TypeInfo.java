package dev.prefilter.engine.detect;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The three views of a node's type.
 *
 * @param declared what the container said (MIME Content-Type), or null
 * @param byExtension what the file name implies, or null when the node has no real name
 * @param detected what the bytes are, by Tika's magic and container detectors (no name used)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TypeInfo(String declared, String byExtension, String detected) {

    public static String base(String mediaType) {
        if (mediaType == null) return null;
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon))
                .trim()
                .toLowerCase(java.util.Locale.ROOT);
    }
}
