package dev.fairway.sandbox.table;

import java.time.Duration;
import java.time.Instant;

/**
 * Formats elapsed time the way Kubernetes prints ages ({@code 45s}, {@code 2m30s}, {@code 3h12m},
 * {@code 5d2h}, {@code 2y30d}): two or three significant figures, coarser as the time grows.
 */
public final class HumanDuration {

    private HumanDuration() {}

    /** The age of {@code since} at {@code now}; {@code <unknown>} when there is no timestamp. */
    public static String since(Instant since, Instant now) {
        if (since == null) {
            return "<unknown>";
        }
        return format(Duration.between(since, now));
    }

    public static String format(Duration d) {
        long seconds = d.getSeconds();
        // Clocks of different machines disagree a little: up to a second in the future is "now".
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = seconds / 3600;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        if (hours < 24 * 365 * 8) {
            long days = (hours / 24) % 365;
            return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
