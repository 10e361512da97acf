package dev.fairway.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final FakeClock clock = new FakeClock();
    final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void aFewMistakesAreFreeThenEachFailureDoublesTheWait() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed("admin", "10.0.0.1");
            assertThat(throttle.waitBefore("admin", "10.0.0.1")).isEmpty();
        }
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.waitBefore("admin", "10.0.0.1")).contains(Duration.ofSeconds(1));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.waitBefore("admin", "10.0.0.1")).contains(Duration.ofSeconds(2));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.waitBefore("admin", "10.0.0.1")).contains(Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(4));
        assertThat(throttle.waitBefore("admin", "10.0.0.1")).isEmpty();
    }

    @Test
    void theUserIsThrottledFromAnyClientAndTheClientForAnyUser() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.waitBefore("admin", "10.9.9.9")).as("same user, another address").isPresent();
        assertThat(throttle.waitBefore("bob", "10.0.0.1")).as("same address, another user").isPresent();
        assertThat(throttle.waitBefore("bob", "10.9.9.9")).isEmpty();
    }

    @Test
    void theWaitIsCappedAndForgottenAfterAQuietPeriodOrASuccess() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.waitBefore("admin", "10.0.0.1")).contains(LoginThrottle.MAX_WAIT);
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.waitBefore("admin", "10.0.0.1")).as("counting starts again").isEmpty();
        throttle.failed("admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.waitBefore("admin", "10.0.0.1")).isPresent();
        throttle.succeeded("admin", "10.0.0.1");
        assertThat(throttle.waitBefore("admin", "10.0.0.1")).isEmpty();
    }
}
