package dev.fairway.gitops.app;

import java.time.Duration;

/**
 * {@code spec.syncPolicy.retry}: how often a failed sync is tried again, and how long to wait.
 *
 * @param limit how many retries; negative means without limit, as in Argo CD
 */
public record RetryStrategy(long limit, Duration duration, long factor, Duration maxDuration) {


    /** Argo CD's defaults: 5s, doubling, at most 3 minutes. */
    public static RetryStrategy defaults(long limit) {
        return new RetryStrategy(limit, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        Duration delay = duration;
        for (int i = 1; i < attempt && delay.compareTo(maxDuration) < 0; i++) {
            delay = delay.multipliedBy(factor);
        }
        return delay.compareTo(maxDuration) > 0 ? maxDuration : delay;
    }

    /** True when another retry is allowed after {@code retriesSoFar} retries. */
    public boolean allows(int retriesSoFar) {
        return limit < 0 || retriesSoFar < limit;
    }

    static RetryStrategy parse(SpecFields f) {
        RetryStrategy defaults = defaults(f.integer("limit").orElse(0L));
        SpecFields backoff = f.object("backoff");
        long factor = backoff.integer("factor").orElse(defaults.factor());
        if (factor < 1) {
            throw new InvalidSpecError(backoff.path("factor"), "must be 1 or more, not " + factor);
        }
        return new RetryStrategy(defaults.limit(),
                duration(backoff, "duration", defaults.duration()), factor,
                duration(backoff, "maxDuration", defaults.maxDuration()));
    }

    /** A Go duration ({@code 5s}, {@code 1m30s}, {@code 500ms}) or a bare number of seconds. */
    static Duration duration(SpecFields f, String field, Duration otherwise) {
        String text = f.string(field, "").strip();
        if (text.isEmpty()) {
            return otherwise;
        }
        if (text.matches("[0-9]+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            return dev.fairway.kube.GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecError(f.path(field), "must be a duration such as 5s, 2m or 1h30m, not \"" + text + "\"");
        }
    }
}
