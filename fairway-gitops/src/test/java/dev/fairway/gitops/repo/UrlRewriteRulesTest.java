package dev.fairway.gitops.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlRewriteRulesTest {

    private final UrlRewriteRules rules = new UrlRewriteRules(List.of(
            new UrlRewrite("https://github.com/", "https://mirror.internal/github/"),
            new UrlRewrite("https://github.com/acme/", "/srv/git/acme/"),
            new UrlRewrite("git@github.com:", "https://mirror.internal/github/")));

    @Test
    void theLongestMatchingPrefixWins() {
        assertThat(rules.apply("https://github.com/acme/app.git")).isEqualTo("/srv/git/acme/app.git");
        assertThat(rules.apply("https://github.com/other/app.git"))
                .isEqualTo("https://mirror.internal/github/other/app.git");
    }

    @Test
    void scpLikeSshUrlsAreRewrittenLikeAnyOther() {
        assertThat(rules.apply("git@github.com:acme/app.git")).isEqualTo("https://mirror.internal/github/acme/app.git");
    }

    @Test
    void aUrlThatNoRuleMatchesIsKept() {
        assertThat(rules.apply("https://gitlab.com/acme/app.git")).isEqualTo("https://gitlab.com/acme/app.git");
    }

    @Test
    void aRuleIsAppliedOnceNotRepeatedly() {
        UrlRewriteRules chain = new UrlRewriteRules(List.of(new UrlRewrite("a/", "a/a/")));
        assertThat(chain.apply("a/x")).isEqualTo("a/a/x");
    }

    @Test
    void anEmptyPrefixIsRefused() {
        assertThatThrownBy(() -> new UrlRewrite("", "x")).hasMessageContaining("non-empty prefix");
    }
}
