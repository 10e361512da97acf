package dev.fairway.sandbox.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0}s prints as {1}")
    @CsvSource({
            "0, 0s",
            "-1, 0s",
            "-2, <invalid>",
            "59, 59s",
            "119, 119s",
            "120, 2m",
            "150, 2m30s",
            "599, 9m59s",
            "600, 10m",
            "10799, 179m",
            "10800, 3h",
            "11520, 3h12m",
            "28800, 8h",
            "172799, 47h",
            "172800, 2d",
            "180000, 2d2h",
            "691200, 8d",
            "34560000, 400d",
            "63072000, 2y",
            "63504000, 2y5d",
            "252288000, 8y",
            "315360000, 10y",
    })
    void formatsLikeKubernetes(long seconds, String expected) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void missingTimestampIsUnknown() {
        assertThat(HumanDuration.since(null, Instant.now())).isEqualTo("<unknown>");
    }

    @Test
    void ageIsMeasuredUpToNow() {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");
        assertThat(HumanDuration.since(now.minusSeconds(330), now)).isEqualTo("5m30s");
    }
}
