package dev.fairway.gitops.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathPatternTest {

    @Test
    void starAndQuestionMarkDoNotCrossSlash() {
        assertThat(PathPattern.compile("*").matches("")).isTrue();
        assertThat(PathPattern.compile("*").matches("rbac.authorization.k8s.io")).isTrue();
        assertThat(PathPattern.compile("*.k8s.io").matches("rbac.authorization.k8s.io")).isTrue();
        assertThat(PathPattern.compile("*").matches("a/b")).isFalse();
        assertThat(PathPattern.compile("Cluster?ole").matches("ClusterRole")).isTrue();
    }

    @Test
    void classesUseCaretForNegationAndBracesAreText() {
        assertThat(PathPattern.compile("[^C]*").matches("Role")).isTrue();
        assertThat(PathPattern.compile("[^C]*").matches("ClusterRole")).isFalse();
        assertThat(PathPattern.compile("[A-Z]ecret").matches("Secret")).isTrue();
        assertThat(PathPattern.compile("{a,b}").matches("a")).isFalse();
        assertThat(PathPattern.compile("{a,b}").matches("{a,b}")).isTrue();
    }

    @Test
    void matchingIsCaseSensitiveAndWhole() {
        assertThat(PathPattern.compile("Secret").matches("secret")).isFalse();
        assertThat(PathPattern.compile("Secret").matches("Secrets")).isFalse();
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThatThrownBy(() -> PathPattern.compile("[abc")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> PathPattern.compile("[z-a]")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> PathPattern.compile("abc\\")).hasMessageContaining("escaping");
    }
}
