package dev.fairway.gitops.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgoGlobTest {

    @Test
    void starStopsAtSeparatorsOnlyWhenThereAreSome() {
        assertThat(ArgoGlob.compile("https://github.com/org/*", "/").matches("https://github.com/org/repo")).isTrue();
        assertThat(ArgoGlob.compile("https://github.com/org/*", "/").matches("https://github.com/org/sub/repo")).isFalse();
        assertThat(ArgoGlob.compile("https://github.com/org/*").matches("https://github.com/org/sub/repo")).isTrue();
        assertThat(ArgoGlob.compile("https://github.com/org/**", "/").matches("https://github.com/org/sub/repo")).isTrue();
    }

    @Test
    void questionMarkIsOneCharacterButNotASeparator() {
        assertThat(ArgoGlob.compile("team-?").matches("team-a")).isTrue();
        assertThat(ArgoGlob.compile("team-?").matches("team-ab")).isFalse();
        assertThat(ArgoGlob.compile("a?b", "/").matches("a/b")).isFalse();
    }

    @Test
    void characterClassesRangesAndNegation() {
        ArgoGlob g = ArgoGlob.compile("env-[a-c]");
        assertThat(g.matches("env-b")).isTrue();
        assertThat(g.matches("env-d")).isFalse();
        assertThat(ArgoGlob.compile("env-[!a-c]").matches("env-d")).isTrue();
        assertThat(ArgoGlob.compile("env-[!a-c]").matches("env-a")).isFalse();
        assertThat(ArgoGlob.compile("[xyz]").matches("y")).isTrue();
    }

    @Test
    void alternativesMayHoldGlobs() {
        ArgoGlob g = ArgoGlob.compile("{prod,stage-*}");
        assertThat(g.matches("prod")).isTrue();
        assertThat(g.matches("stage-eu")).isTrue();
        assertThat(g.matches("dev")).isFalse();
        assertThat(ArgoGlob.compile("a,b").matches("a,b")).as("a comma outside braces is text").isTrue();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(ArgoGlob.compile("a.b+c(d)").matches("a.b+c(d)")).isTrue();
        assertThat(ArgoGlob.compile("a.b").matches("axb")).isFalse();
        assertThat(ArgoGlob.compile("a\\*b").matches("a*b")).isTrue();
        assertThat(ArgoGlob.compile("a\\*b").matches("axxb")).isFalse();
    }

    @Test
    void emptyGlobMatchesOnlyEmptyText() {
        assertThat(ArgoGlob.compile("").matches("")).isTrue();
        assertThat(ArgoGlob.compile("").matches("x")).isFalse();
    }

    @Test
    void malformedGlobsAreRefusedWithTheReasonAndMatchNothingWhenMatchedDirectly() {
        assertThatThrownBy(() -> ArgoGlob.compile("team-[a")).hasMessageContaining("invalid glob \"team-[a\"")
                .hasMessageContaining("not closed by ']'");
        assertThatThrownBy(() -> ArgoGlob.compile("{a,b")).hasMessageContaining("'{' is not closed");
        assertThatThrownBy(() -> ArgoGlob.compile("a\\")).hasMessageContaining("escaping");
        assertThatThrownBy(() -> ArgoGlob.compile("[]")).hasMessageContaining("empty");
        assertThat(ArgoGlob.matches("team-[a", "team-[a", "")).isFalse();
        assertThat(ArgoGlob.problem("team-*", "")).isNull();
    }
}
