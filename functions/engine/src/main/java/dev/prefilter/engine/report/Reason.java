package dev.prefilter.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;

/** A finding that moved the verdict or the score, with what it contributed. */
@JsonPropertyOrder({"code", "path", "severity", "weight", "verdict", "description"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String code, String path, Severity severity, int weight, Verdict verdict, String description) {}
