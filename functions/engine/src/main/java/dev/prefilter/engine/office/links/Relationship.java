package dev.prefilter.engine.office.links;

import java.util.Locale;

/**
 * One {@code <Relationship>} of an OOXML relationships part.
 *
 * @param part the {@code .rels} part it was read from
 * @param typeUri the full relationship type URI (transitional or strict namespace)
 * @param external whether {@code TargetMode="External"}
 */
public record Relationship(String part, String id, String typeUri, String target, boolean external) {

    /** The last segment of the type URI, lower-case: {@code attachedtemplate}, {@code oleobject}, {@code hyperlink}… */
    public String type() {
        if (typeUri == null) {
            return "";
        }
        int slash = typeUri.lastIndexOf('/');
        return typeUri.substring(slash + 1).toLowerCase(Locale.ROOT);
    }
}
