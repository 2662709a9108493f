package dev.prefilter.engine.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

@JsonPropertyOrder({"nodes", "maxDepth", "expandedBytes", "durationMillis", "limitsHit"})
public record ScanStats(int nodes, int maxDepth, long expandedBytes, long durationMillis, List<String> limitsHit) {}
