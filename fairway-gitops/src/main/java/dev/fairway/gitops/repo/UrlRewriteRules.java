package dev.fairway.gitops.repo;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * URL rewrite rules with git's {@code insteadOf} semantics: of all rules whose prefix the URL
 * starts with, the longest prefix wins, and only that one is applied (once). This is how an
 * air-gapped mirror or a local checkout stands in for a remote repository without editing the
 * applications that name it.
 */
public record UrlRewriteRules(List<UrlRewrite> rules) {

    public UrlRewriteRules {
        rules = List.copyOf(rules);
    }

    public static UrlRewriteRules none() {
        return new UrlRewriteRules(List.of());
    }

    /** The URL to fetch from: {@code url} itself when no rule matches. */
    public String apply(String url) {
        return longestMatch(url).map(rule -> rule.replacement() + url.substring(rule.prefix().length())).orElse(url);
    }

    private Optional<UrlRewrite> longestMatch(String url) {
        return rules.stream()
                .filter(rule -> url.startsWith(rule.prefix()))
                .max(Comparator.comparingInt(rule -> rule.prefix().length()));
    }
}
