package dev.prefilter.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import java.util.List;
import java.util.Map;

/** One node of the attachment tree as the report shows it. */
@JsonPropertyOrder({
    "name",
    "path",
    "origin",
    "declaredType",
    "extensionType",
    "detectedType",
    "size",
    "sha256",
    "findings",
    "facts",
    "children"
})
public record ReportNode(
        String name,
        String path,
        Origin origin,
        @JsonInclude(JsonInclude.Include.ALWAYS) String declaredType,
        @JsonInclude(JsonInclude.Include.NON_NULL) String extensionType,
        @JsonInclude(JsonInclude.Include.ALWAYS) String detectedType,
        long size,
        String sha256,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Finding> findings,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Object> facts,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<ReportNode> children) {}
