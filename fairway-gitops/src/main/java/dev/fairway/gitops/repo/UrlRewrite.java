package dev.fairway.gitops.repo;

import java.util.Objects;

/**
 * One git {@code url.<replacement>.insteadOf = <prefix>} rule: a repository URL that starts with
 * {@code prefix} is fetched from {@code replacement} followed by the rest of the URL.
 */
public record UrlRewrite(String prefix, String replacement) {
    public UrlRewrite {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(replacement, "replacement");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a URL rewrite rule needs a non-empty prefix (the insteadOf value)");
        }
    }
}
