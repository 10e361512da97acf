package dev.fairway.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void starMatchesAcrossDirectoriesAsInArgoCd() {
        assertThat(Glob.compile("*.yaml").matches("deploy.yaml")).isTrue();
        assertThat(Glob.compile("*.yaml").matches("sub/deploy.yaml")).isTrue();
        assertThat(Glob.compile("*.yaml").matches("deploy.json")).isFalse();
        assertThat(Glob.compile("sub/**").matches("sub/a/b.yaml")).isTrue();
    }

    @Test
    void bracesListAlternatives() {
        Glob glob = Glob.compile("{config.json,deployment.yaml}");
        assertThat(glob.matches("config.json")).isTrue();
        assertThat(glob.matches("deployment.yaml")).isTrue();
        assertThat(glob.matches("service.yaml")).isFalse();
        assertThat(Glob.compile("{*.json,sub/*}").matches("sub/x.yaml")).isTrue();
    }

    @Test
    void characterClassesAndSingleCharacters() {
        assertThat(Glob.compile("app-[ab].yaml").matches("app-a.yaml")).isTrue();
        assertThat(Glob.compile("app-[!ab].yaml").matches("app-a.yaml")).isFalse();
        assertThat(Glob.compile("app-[0-9].yaml").matches("app-7.yaml")).isTrue();
        assertThat(Glob.compile("app-?.yaml").matches("app-x.yaml")).isTrue();
        assertThat(Glob.compile("a.yaml").matches("aXyaml")).as("dots are literal").isFalse();
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThatThrownBy(() -> Glob.compile("{a,b")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Glob.compile("[ab")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Glob.compile("a}")).hasMessageContaining("closes no");
    }
}
