package dev.prefilter.engine.password;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passwords for one scan: first those harvested from the mail, in the order found, then the
 * operator's, then the default list. Each password is kept once, with its first source.
 */
public final class PasswordBook {

    private final Map<String, PasswordCandidate> harvested = new LinkedHashMap<>();
    private final List<PasswordCandidate> fallback;

    public PasswordBook(List<String> operatorPasswords, List<String> defaultPasswords) {
        List<PasswordCandidate> list = new ArrayList<>();
        operatorPasswords.forEach(p -> list.add(new PasswordCandidate(p, "operator")));
        defaultPasswords.forEach(p -> list.add(new PasswordCandidate(p, "default list")));
        this.fallback = List.copyOf(list);
    }

    public void add(PasswordCandidate candidate) {
        if (candidate.password() != null && !candidate.password().isEmpty()) {
            harvested.putIfAbsent(candidate.password(), candidate);
        }
    }

    public void addAll(List<PasswordCandidate> candidates) {
        candidates.forEach(this::add);
    }

    /** Candidates in trial order, at most {@code max}. */
    public List<PasswordCandidate> candidates(int max) {
        Map<String, PasswordCandidate> ordered = new LinkedHashMap<>(harvested);
        fallback.forEach(c -> ordered.putIfAbsent(c.password(), c));
        return ordered.values().stream().limit(max).toList();
    }

    public boolean hasHarvested() {
        return !harvested.isEmpty();
    }
}
