package dev.prefilter.engine.password;

/**
 * A password to try, and where it was found (for the finding that says which one opened what).
 *
 * @param source e.g. {@code "mail body (part 1.1), line 4, after 'パスワード'"}, {@code "operator"}, {@code "default list"}
 */
public record PasswordCandidate(String password, String source) {}
