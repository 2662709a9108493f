package dev.prefilter.review;

/**
 * What a re-scan of one record did.
 *
 * @param status {@code scanned} (a new report under this policy and engine), {@code unchanged}
 *     (already scanned under them: only the tags were made sure of) or {@code gone} (the mail version no longer exists)
 * @param announced whether the verdict rose and the mail was announced on the quarantine queue
 */
public record RescanResult(
        String id,
        String status,
        String verdictBefore,
        String verdictAfter,
        int score,
        String policy,
        boolean announced) {}
