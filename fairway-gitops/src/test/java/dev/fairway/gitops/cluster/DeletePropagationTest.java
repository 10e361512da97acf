package dev.fairway.gitops.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeletePropagationTest {

    @Test
    void readsTheSyncOptionValueInAnyCase() {
        assertThat(DeletePropagation.parse("foreground")).isEqualTo(DeletePropagation.FOREGROUND);
        assertThat(DeletePropagation.parse(" Orphan ")).isEqualTo(DeletePropagation.ORPHAN);
    }

    @Test
    void anUnknownValueNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> DeletePropagation.parse("later")).hasMessage(
                "PrunePropagationPolicy must be foreground, background or orphan, not \"later\"");
    }
}
