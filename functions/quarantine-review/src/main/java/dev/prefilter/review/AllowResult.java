package dev.prefilter.review;

import dev.prefilter.engine.score.AllowList;

/**
 * What an allow-list change did.
 *
 * @param changed false when there was nothing to do (the same administrator had added this hash already)
 */
public record AllowResult(String action, AllowList.Entry entry, boolean changed) {}
