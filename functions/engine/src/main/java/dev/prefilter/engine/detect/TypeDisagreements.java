package dev.prefilter.engine.detect;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares what a node's container declares and what its name implies with what its bytes are.
 * Aliases and harmless swaps ({@link TypeAliases}) are no disagreement; a disagreement about a
 * passive format is info, so that it never adds up to a verdict; one on a node in a risky
 * category (an executable named .pdf) is medium.
 */
public final class TypeDisagreements {

    private final TypeDetector detector;
    private final TypeAliases aliases;

    public TypeDisagreements(TypeDetector detector, TypeAliases aliases) {
        this.detector = detector;
        this.aliases = aliases;
    }

    public List<Finding> check(TypeInfo t, String extension, Optional<TypeCategory> category) {
        List<Finding> findings = new ArrayList<>();
        Severity severity = severity(t.detected(), category);
        if (disagree(t.declared(), t.detected())) {
            findings.add(
                    Finding.of("type.declared-mismatch", severity, "declared Content-Type does not match the content")
                            .with("declaredType", t.declared())
                            .with("detectedType", t.detected())
                            .build());
        }
        if (disagree(t.byExtension(), t.detected())) {
            findings.add(Finding.of("type.extension-mismatch", severity, "file extension does not match the content")
                    .with("extension", extension)
                    .with("extensionType", t.byExtension())
                    .with("detectedType", t.detected())
                    .build());
        }
        return findings;
    }

    private boolean disagree(String claimed, String detected) {
        return !detector.isGeneric(claimed)
                && !detector.isGeneric(detected)
                && !detector.compatible(claimed, detected)
                && !aliases.sameFormat(claimed, detected)
                && !aliases.harmlessSwap(claimed, detected);
    }

    private Severity severity(String detected, Optional<TypeCategory> category) {
        if (category.filter(c -> !c.uninspectedOnly()).isPresent()) return Severity.MEDIUM;
        return aliases.harmless(detected) ? Severity.INFO : Severity.LOW;
    }
}
