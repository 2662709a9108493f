package dev.prefilter.engine.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every bound the engine enforces, in one validated record. Hitting one stops the branch (or the
 * scan, for the scan-wide ones), records a {@code limit.*} finding, and the policy keeps the
 * verdict at least suspicious: a limit hit is a signal about the mail, never a reason to pass it.
 *
 * @param maxDepth deepest nesting below the input (input is depth 0); deeper children are not
 *     opened ({@code limit.depth})
 * @param maxNodes nodes per scan including the input; further children are dropped ({@code limit.node-count})
 * @param maxTotalBytes bytes spooled per scan across all nodes, the input included ({@code limit.total-bytes})
 * @param maxNodeBytes bytes kept for any single node; the rest is cut off ({@code limit.node-size})
 * @param maxCompressionRatio expanded/stored size per archive entry, checked once an entry passes
 *     {@code ratioGraceBytes} ({@code limit.compression-ratio})
 * @param ratioGraceBytes expanded bytes an entry may reach before the ratio is checked
 * @param timeBudget wall-clock time per scan; the scan stops where it is ({@code limit.time})
 * @param maxPasswordAttempts passwords tried per encrypted container
 * @param memoryThreshold nodes up to this size stay in memory, larger ones spill to a temporary file
 * @param maxInMemoryParse largest node, document part or embedded object read into memory for a
 *     parser that needs it whole (Office parts, RTF objects, VBA streams); a larger one is not opened
 *     ({@code limit.ooxml-part-size}, {@code limit.ole-object-size}, {@code limit.rtf-size},
 *     {@code limit.rtf-object-data}, {@code limit.dde-document-size}, or a {@code parse.*} finding).
 *     Raise it with {@code maxNodeBytes} when Office documents that large must be read, and give the
 *     process the memory: a parse can hold a few times this much.
 */
public record ScanLimits(
        int maxDepth,
        int maxNodes,
        long maxTotalBytes,
        long maxNodeBytes,
        int maxCompressionRatio,
        long ratioGraceBytes,
        Duration timeBudget,
        int maxPasswordAttempts,
        int memoryThreshold,
        long maxInMemoryParse) {

    /** The most bytes one Java array holds. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    public static final ScanLimits DEFAULTS = new ScanLimits(
            16, 5_000, 200L << 20, 50L << 20, 100, 1L << 20, Duration.ofSeconds(60), 32, 4 << 20, 64L << 20);

    public ScanLimits {
        List<String> problems = new ArrayList<>();
        if (maxDepth < 1 || maxDepth > 64) problems.add("maxDepth must be 1..64, was " + maxDepth);
        if (maxNodes < 1) problems.add("maxNodes must be at least 1, was " + maxNodes);
        if (maxTotalBytes < 1) problems.add("maxTotalBytes must be positive, was " + maxTotalBytes);
        if (maxNodeBytes < 1) problems.add("maxNodeBytes must be positive, was " + maxNodeBytes);
        if (maxNodeBytes > maxTotalBytes)
            problems.add("maxNodeBytes (" + maxNodeBytes + ") must not exceed maxTotalBytes (" + maxTotalBytes + ")");
        if (maxCompressionRatio < 2) problems.add("maxCompressionRatio must be at least 2, was " + maxCompressionRatio);
        if (ratioGraceBytes < 0) problems.add("ratioGraceBytes must not be negative, was " + ratioGraceBytes);
        if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero())
            problems.add("timeBudget must be positive, was " + timeBudget);
        if (maxPasswordAttempts < 0)
            problems.add("maxPasswordAttempts must not be negative, was " + maxPasswordAttempts);
        if (memoryThreshold < 0) problems.add("memoryThreshold must not be negative, was " + memoryThreshold);
        if (maxInMemoryParse < 1 || maxInMemoryParse > MAX_ARRAY)
            problems.add("maxInMemoryParse must be 1.." + MAX_ARRAY + " (one Java array), was " + maxInMemoryParse);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid scan limits: " + String.join("; ", problems));
        }
    }

    /**
     * Builds limits from named settings (environment variables, CLI options), starting from the
     * defaults. Keys: {@code MAX_DEPTH}, {@code MAX_NODES}, {@code MAX_TOTAL_BYTES},
     * {@code MAX_NODE_BYTES}, {@code MAX_COMPRESSION_RATIO}, {@code TIME_BUDGET_SECONDS},
     * {@code MAX_PASSWORD_ATTEMPTS}, {@code MAX_IN_MEMORY_PARSE_BYTES}, each with the given prefix.
     * Unknown values fail with the key named.
     */
    public static ScanLimits fromSettings(Map<String, String> settings, String prefix) {
        Function<String, String> get = key -> {
            String v = settings.get(prefix + key);
            return v == null || v.isBlank() ? null : v.trim();
        };
        ScanLimits d = DEFAULTS;
        return new ScanLimits(
                intSetting(get, prefix, "MAX_DEPTH", d.maxDepth),
                intSetting(get, prefix, "MAX_NODES", d.maxNodes),
                longSetting(get, prefix, "MAX_TOTAL_BYTES", d.maxTotalBytes),
                longSetting(get, prefix, "MAX_NODE_BYTES", d.maxNodeBytes),
                intSetting(get, prefix, "MAX_COMPRESSION_RATIO", d.maxCompressionRatio),
                d.ratioGraceBytes,
                Duration.ofMillis(Math.round(
                        1000 * doubleSetting(get, prefix, "TIME_BUDGET_SECONDS", d.timeBudget.toMillis() / 1000.0))),
                intSetting(get, prefix, "MAX_PASSWORD_ATTEMPTS", d.maxPasswordAttempts),
                d.memoryThreshold,
                longSetting(get, prefix, "MAX_IN_MEMORY_PARSE_BYTES", d.maxInMemoryParse));
    }

    public ScanLimits withTimeBudget(Duration budget) {
        return new ScanLimits(
                maxDepth,
                maxNodes,
                maxTotalBytes,
                maxNodeBytes,
                maxCompressionRatio,
                ratioGraceBytes,
                budget,
                maxPasswordAttempts,
                memoryThreshold,
                maxInMemoryParse);
    }

    public ScanLimits withMaxDepth(int depth) {
        return new ScanLimits(
                depth,
                maxNodes,
                maxTotalBytes,
                maxNodeBytes,
                maxCompressionRatio,
                ratioGraceBytes,
                timeBudget,
                maxPasswordAttempts,
                memoryThreshold,
                maxInMemoryParse);
    }

    public ScanLimits withMaxNodes(int nodes) {
        return new ScanLimits(
                maxDepth,
                nodes,
                maxTotalBytes,
                maxNodeBytes,
                maxCompressionRatio,
                ratioGraceBytes,
                timeBudget,
                maxPasswordAttempts,
                memoryThreshold,
                maxInMemoryParse);
    }

    public ScanLimits withBytes(long nodeBytes, long totalBytes) {
        return new ScanLimits(
                maxDepth,
                maxNodes,
                totalBytes,
                nodeBytes,
                maxCompressionRatio,
                ratioGraceBytes,
                timeBudget,
                maxPasswordAttempts,
                memoryThreshold,
                maxInMemoryParse);
    }

    public ScanLimits withMemoryThreshold(int threshold) {
        return new ScanLimits(
                maxDepth,
                maxNodes,
                maxTotalBytes,
                maxNodeBytes,
                maxCompressionRatio,
                ratioGraceBytes,
                timeBudget,
                maxPasswordAttempts,
                threshold,
                maxInMemoryParse);
    }

    private static int intSetting(Function<String, String> get, String prefix, String key, int fallback) {
        return (int) longSetting(get, prefix, key, fallback);
    }

    private static long longSetting(Function<String, String> get, String prefix, String key, long fallback) {
        String v = get.apply(key);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + key + " must be a whole number, was '" + v + "'");
        }
    }

    private static double doubleSetting(Function<String, String> get, String prefix, String key, double fallback) {
        String v = get.apply(key);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + key + " must be a number, was '" + v + "'");
        }
    }
}
