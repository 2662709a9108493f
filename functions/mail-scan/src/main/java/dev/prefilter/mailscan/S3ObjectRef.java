package dev.prefilter.mailscan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One stored mail as a notification names it: bucket, decoded key and version. The mail id is
 * derived from these three alone: it names the quarantine record. The scan id adds the policy and
 * engine versions (see {@code LambdaConfig#scanId}), so every delivery of the same notification,
 * however often and however concurrently, computes the same report key and the same quarantine
 * deduplication id, and a scan under another policy or engine gets its own.
 *
 * @param versionId the object version, or null when the bucket is not versioned
 * @param size the size the notification announced, or -1 when unknown
 */
public record S3ObjectRef(String bucket, String key, String versionId, long size) {

    public S3ObjectRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (versionId != null && versionId.isBlank()) {
            versionId = null;
        }
    }

    /** Lower-case hex SHA-256 of bucket, key and version: stable across deliveries; the quarantine record's id. */
    public String mailId() {
        return sha256(bucket + "\n" + key + "\n" + (versionId == null ? "" : versionId));
    }

    static String sha256(String identity) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** {@code s3://bucket/key} plus {@code ?versionId=…} when versioned: how reports name the input. */
    public String location() {
        return "s3://" + bucket + "/" + key + (versionId == null ? "" : "?versionId=" + versionId);
    }

    /** The last path segment of the key, for the report's root node. */
    public String fileName() {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.isEmpty() ? "mail.eml" : name;
    }
}
