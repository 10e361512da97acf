package dev.fairway.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionsTest {

    final LoginThrottleTest.FakeClock clock = new LoginThrottleTest.FakeClock();
    final AtomicReference<Optional<AdminAccount.Credentials>> credentials = new AtomicReference<>(
            Optional.of(new AdminAccount.Credentials("hash", Instant.parse("2026-11-01T00:00:00Z"), "k".repeat(32).getBytes())));
    final Sessions sessions = new Sessions(credentials::get, clock);

    @Test
    void aFreshCookieIsASessionWithItsOwnCsrfToken() {
        String cookie = sessions.create("admin");
        Sessions.Session s = sessions.verify(cookie).orElseThrow();
        assertThat(s.user()).isEqualTo("admin");
        assertThat(Sessions.csrfMatches(s, s.csrf())).isTrue();
        assertThat(Sessions.csrfMatches(s, null)).isFalse();
        Sessions.Session other = sessions.verify(sessions.create("admin")).orElseThrow();
        assertThat(other.csrf()).isNotEqualTo(s.csrf());
        assertThat(Sessions.csrfMatches(other, s.csrf())).as("one session's token is no good for another").isFalse();
    }

    @Test
    void aTamperedExpiredOrLoggedOutCookieIsNoSession() {
        String cookie = sessions.create("admin");
        String[] p = cookie.split("\\.");
        assertThat(sessions.verify(p[0] + "." + (Long.parseLong(p[1]) + 3600) + "." + p[2] + "." + p[3])).as("longer life").isEmpty();
        assertThat(sessions.verify("garbage")).isEmpty();
        assertThat(sessions.verify(null)).isEmpty();
        assertThat(sessions.verify("a.b.c.d")).isEmpty();
        Sessions.Session s = sessions.verify(cookie).orElseThrow();
        sessions.revoke(s);
        assertThat(sessions.verify(cookie)).as("logged out").isEmpty();
        String later = sessions.create("admin");
        clock.advance(Sessions.LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(sessions.verify(later)).as("expired").isEmpty();
    }

    @Test
    void aPasswordResetEndsEverySession() {
        String cookie = sessions.create("admin");
        credentials.set(Optional.of(new AdminAccount.Credentials("new", Instant.parse("2026-11-30T09:00:00Z"), "k".repeat(32).getBytes())));
        assertThat(sessions.verify(cookie)).isEmpty();
        credentials.set(Optional.empty());
        assertThatThrownBy(() -> sessions.create("admin")).hasMessageContaining("fairway admin reset-password");
    }
}
