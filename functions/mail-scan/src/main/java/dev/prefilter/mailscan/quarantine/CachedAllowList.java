package dev.prefilter.mailscan.quarantine;

import dev.prefilter.engine.score.AllowList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The allow-list as the function reads it: loaded from the bucket at most once per time-to-live
 * per warm container ({@code PREFILTER_ALLOW_LIST_CACHE_SECONDS}, a minute by default), so an
 * entry takes effect within it and most mails cost no extra request. Safe for the concurrent scans
 * of one container.
 */
public final class CachedAllowList implements AllowList {

    private final AllowListStore store;
    private final Clock clock;
    private final Duration ttl;
    private volatile Map<String, Entry> entries;
    private volatile Instant loadedAt;

    public CachedAllowList(AllowListStore store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public Optional<Entry> find(String sha256) {
        return Optional.ofNullable(current().get(sha256));
    }

    private Map<String, Entry> current() {
        Instant now = clock.instant();
        Map<String, Entry> cached = entries;
        if (cached == null || !loadedAt.plus(ttl).isAfter(now)) {
            synchronized (this) {
                if (entries == null || !loadedAt.plus(ttl).isAfter(now)) {
                    entries = store.all().stream()
                            .collect(Collectors.toUnmodifiableMap(Entry::sha256, Function.identity(), (a, b) -> a));
                    loadedAt = now;
                }
                cached = entries;
            }
        }
        return cached;
    }
}
