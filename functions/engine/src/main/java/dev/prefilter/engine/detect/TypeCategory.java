package dev.prefilter.engine.detect;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.prefilter.engine.model.Severity;
import java.util.List;
import java.util.Set;

/**
 * One row of {@code type-categories.json}: what a kind of file means for a recipient.
 *
 * @param binaryFormat whether the extensions name a binary format only: a node whose content is
 *     text is not put in this category by its extension alone (VHDL source named {@code .vhd})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TypeCategory(
        String name,
        String finding,
        Severity severity,
        String description,
        boolean uninspectedOnly,
        boolean binaryFormat,
        List<String> mediaTypes,
        Set<String> extensions) {

    public TypeCategory {
        mediaTypes = mediaTypes == null ? List.of() : List.copyOf(mediaTypes);
        extensions = extensions == null ? Set.of() : Set.copyOf(extensions);
    }
}
