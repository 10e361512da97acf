package dev.fairway.server.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: after a few failed logins for one user name, or from one client
 * address, each further attempt must wait twice as long as the last (1 s, 2 s, 4 s ... up to 5
 * min). A success clears the counter; so does a quiet quarter of an hour.
 */
public final class LoginThrottle {

    static final int FREE_FAILURES = 3;
    static final Duration MAX_WAIT = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 10_000;

    private record Failures(int count, Instant last) {}

    private final Clock clock;
    /** Oldest first, bounded, so that guessing many user names cannot fill the memory. */
    private final LinkedHashMap<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait before this user, from this client, may try again. */
    public synchronized Optional<Duration> waitBefore(String user, String client) {
        Duration wait = max(waitFor("user:" + user), waitFor("client:" + client));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public synchronized void failed(String user, String client) {
        record("user:" + user);
        record("client:" + client);
    }

    public synchronized void succeeded(String user, String client) {
        failures.remove("user:" + user);
        failures.remove("client:" + client);
    }

    private void record(String key) {
        Failures f = current(key);
        failures.put(key, new Failures(f == null ? 1 : f.count() + 1, clock.instant()));
    }

    private Failures current(String key) {
        Failures f = failures.get(key);
        if (f != null && clock.instant().isAfter(f.last().plus(FORGET_AFTER))) {
            failures.remove(key);
            return null;
        }
        return f;
    }

    private Duration waitFor(String key) {
        Failures f = current(key);
        if (f == null || f.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(20, f.count() - FREE_FAILURES);
        Duration backoff = Duration.ofSeconds(seconds).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : Duration.ofSeconds(seconds);
        Duration left = Duration.between(clock.instant(), f.last().plus(backoff));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
