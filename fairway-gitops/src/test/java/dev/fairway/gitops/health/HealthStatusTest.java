package dev.fairway.gitops.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthStatusTest {

    @Test
    void worstFollowsArgoCdsOrder() {
        assertThat(HealthStatus.worst(HealthStatus.Healthy, HealthStatus.Suspended)).isEqualTo(HealthStatus.Suspended);
        assertThat(HealthStatus.worst(HealthStatus.Suspended, HealthStatus.Progressing)).isEqualTo(HealthStatus.Progressing);
        assertThat(HealthStatus.worst(HealthStatus.Missing, HealthStatus.Progressing)).isEqualTo(HealthStatus.Missing);
        assertThat(HealthStatus.worst(HealthStatus.Degraded, HealthStatus.Missing)).isEqualTo(HealthStatus.Degraded);
        assertThat(HealthStatus.worst(List.of(HealthStatus.Degraded, HealthStatus.Unknown, HealthStatus.Healthy)))
                .isEqualTo(HealthStatus.Unknown);
    }

    @Test
    void nothingToAggregateIsHealthy() {
        assertThat(HealthStatus.worst()).isEqualTo(HealthStatus.Healthy);
    }

    @Test
    void healthWithoutMessageHasEmptyMessage() {
        assertThat(new Health(HealthStatus.Healthy, null).message()).isEmpty();
    }
}
