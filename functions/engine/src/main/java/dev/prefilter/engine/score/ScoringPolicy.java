package dev.prefilter.engine.score;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps findings to weights and verdicts. Data, not code: the built-in default is
 * {@code default-policy.json}; an operator's file overrides any part of it. Its {@link #label()}
 * names the rules in force: the policy's name and version plus a hash of its content, so two
 * policies that score differently never share a label.
 */
public final class ScoringPolicy {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final String DEFAULT_RESOURCE = "default-policy.json";

    /** A weight and/or verdict for one severity, code or code prefix; null means "not set here". */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rule(Integer weight, Verdict verdict) {}

    /** The weight and verdict a finding gets under this policy. */
    public record Effect(int weight, Verdict verdict) {}

    private final String name;
    private final String version;
    private final String contentHash;
    private final int maxScore;
    private final Integer suspiciousThreshold;
    private final Integer maliciousThreshold;
    private final Map<Severity, Rule> severities;
    private final Map<String, Rule> rules;

    private ScoringPolicy(
            String name,
            String version,
            String contentHash,
            int maxScore,
            Integer suspiciousThreshold,
            Integer maliciousThreshold,
            Map<Severity, Rule> severities,
            Map<String, Rule> rules) {
        this.name = name;
        this.version = version;
        this.contentHash = contentHash;
        this.maxScore = maxScore;
        this.suspiciousThreshold = suspiciousThreshold;
        this.maliciousThreshold = maliciousThreshold;
        this.severities = severities;
        this.rules = rules;
    }

    public static ScoringPolicy defaults() {
        return fromTree(defaultTree());
    }

    /** The defaults with an operator's file laid over them, key by key. */
    public static ScoringPolicy withOverrides(Path file) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read policy file " + file + ": " + e.getMessage(), e);
        }
        return withOverrides(json, "policy file " + file);
    }

    /**
     * The defaults with overrides given as JSON text (an environment variable, a deployment
     * parameter); {@code origin} names where the text came from in error messages.
     */
    public static ScoringPolicy withOverrides(byte[] json, String origin) {
        JsonNode override;
        try {
            override = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + origin + ": " + e.getMessage(), e);
        }
        if (!(override instanceof ObjectNode)) {
            throw new IllegalArgumentException(origin + " must hold a JSON object");
        }
        ObjectNode merged = defaultTree();
        if (!override.has("name")) {
            // other rules than the built-in ones: they must not pass for the default
            merged.put("name", "custom");
            merged.remove("version");
        } else if (!override.has("version")) {
            merged.remove("version");
        }
        merge(merged, (ObjectNode) override);
        try {
            return fromTree(merged);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode defaultTree() {
        try (InputStream in = ScoringPolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode target, ObjectNode source) {
        source.properties().forEach(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode sourceObject) {
                merge(existingObject, sourceObject);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }

    private static ScoringPolicy fromTree(ObjectNode tree) {
        List<String> problems = new ArrayList<>();
        String name = tree.path("name").asText("custom");
        String version = tree.hasNonNull("version") ? tree.get("version").asText() : null;
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) problems.add("name must be 1-64 letters, digits, '.', '_' or '-'");
        if (version != null && !version.matches("[A-Za-z0-9._-]{1,32}")) {
            problems.add("version must be 1-32 letters, digits, '.', '_' or '-'");
        }
        int maxScore = tree.path("maxScore").asInt(100);
        if (maxScore < 1) problems.add("maxScore must be positive");
        JsonNode thresholds = tree.path("thresholds");
        Integer suspicious = thresholds.hasNonNull("suspicious")
                ? thresholds.get("suspicious").asInt()
                : null;
        Integer malicious =
                thresholds.hasNonNull("malicious") ? thresholds.get("malicious").asInt() : null;
        if (suspicious != null && malicious != null && malicious < suspicious) {
            problems.add("thresholds.malicious must not be below thresholds.suspicious");
        }

        Map<Severity, Rule> severities = new EnumMap<>(Severity.class);
        tree.path("severities").properties().forEach(e -> {
            try {
                severities.put(Severity.parse(e.getKey()), rule(e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add("severities." + e.getKey() + ": " + ex.getMessage());
            }
        });
        for (Severity s : Severity.values()) {
            Rule r = severities.get(s);
            if (r == null || r.weight() == null || r.verdict() == null) {
                problems.add("severities." + s.label() + " needs a weight and a verdict");
            }
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        tree.path("rules").properties().forEach(e -> {
            try {
                if (!e.getKey().matches("[a-z0-9.-]+(\\.\\*)?")) {
                    throw new IllegalArgumentException("must be a finding code or a prefix ending in '.*'");
                }
                rules.put(e.getKey(), rule(e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add("rules." + e.getKey() + ": " + ex.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid scoring policy: " + String.join("; ", problems));
        }
        return new ScoringPolicy(
                name,
                version,
                contentHash(maxScore, suspicious, malicious, severities, rules),
                maxScore,
                suspicious,
                malicious,
                severities,
                rules);
    }

    /** SHA-256 over the rules in force in a canonical form (sorted, no comments), cut to 12 hex digits. */
    private static String contentHash(
            int maxScore,
            Integer suspicious,
            Integer malicious,
            Map<Severity, Rule> severities,
            Map<String, Rule> rules) {
        ObjectNode canonical = MAPPER.createObjectNode();
        canonical.put("maxScore", maxScore);
        canonical.putObject("thresholds").put("suspicious", suspicious).put("malicious", malicious);
        ObjectNode bySeverity = canonical.putObject("severities");
        severities.forEach((s, r) -> bySeverity.set(s.label(), ruleNode(r)));
        ObjectNode byCode = canonical.putObject("rules");
        new TreeMap<>(rules).forEach((code, r) -> byCode.set(code, ruleNode(r)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(MAPPER.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash the scoring policy", e);
        }
    }

    private static ObjectNode ruleNode(Rule rule) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("weight", rule.weight());
        node.put("verdict", rule.verdict() == null ? null : rule.verdict().label());
        return node;
    }

    private static Rule rule(JsonNode node) {
        if (!node.isObject()) throw new IllegalArgumentException("must be an object with weight and/or verdict");
        Integer weight = node.hasNonNull("weight") ? node.get("weight").asInt() : null;
        if (weight != null && weight < 0) throw new IllegalArgumentException("weight must not be negative");
        Verdict verdict =
                node.hasNonNull("verdict") ? Verdict.parse(node.get("verdict").asText()) : null;
        return new Rule(weight, verdict);
    }

    /**
     * The policy version used in reports, object tags and scan ids: name, version (when set) and
     * content hash, e.g. {@code default-1@3f2a9c1b4d5e}; only characters S3 tag values allow.
     */
    public String label() {
        return name + (version == null ? "" : "-" + version) + "@" + contentHash;
    }

    /** The codes and prefixes ({@code limit.*}) this policy has rules for. */
    public Set<String> ruleKeys() {
        return Set.copyOf(rules.keySet());
    }

    public int maxScore() {
        return maxScore;
    }

    /** The verdict a total score alone reaches. */
    public Verdict verdictForScore(int score) {
        if (maliciousThreshold != null && score >= maliciousThreshold) return Verdict.MALICIOUS;
        if (suspiciousThreshold != null && score >= suspiciousThreshold) return Verdict.SUSPICIOUS;
        return Verdict.CLEAN;
    }

    public Effect effectOf(Finding finding) {
        if (finding.severity() == Severity.INFO && finding.evidence().containsKey(AllowList.EVIDENCE_KEY)) {
            return new Effect(0, Verdict.CLEAN);
        }
        Rule bySeverity = severities.get(finding.severity());
        Rule byCode = ruleFor(finding.code());
        int weight = byCode != null && byCode.weight() != null ? byCode.weight() : bySeverity.weight();
        Verdict verdict = byCode != null && byCode.verdict() != null ? byCode.verdict() : bySeverity.verdict();
        return new Effect(weight, verdict);
    }

    private Rule ruleFor(String code) {
        Rule exact = rules.get(code);
        if (exact != null) return exact;
        String prefix = code;
        while (prefix.contains(".")) {
            prefix = prefix.substring(0, prefix.lastIndexOf('.'));
            Rule wildcard = rules.get(prefix + ".*");
            if (wildcard != null) return wildcard;
        }
        return null;
    }
}
