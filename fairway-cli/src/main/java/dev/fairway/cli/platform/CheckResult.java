package dev.fairway.cli.platform;

import java.time.Duration;

/**
 * One infrastructure test of {@code fairway test}: a group (the JUnit class name), a name, how
 * long it took, and why it failed (null when it passed).
 */
public record CheckResult(String group, String name, Duration time, String failure) {

    public boolean passed() {
        return failure == null;
    }

    static CheckResult pass(String group, String name) {
        return new CheckResult(group, name, Duration.ZERO, null);
    }

    static CheckResult fail(String group, String name, String why) {
        return new CheckResult(group, name, Duration.ZERO, why);
    }

    static CheckResult of(String group, String name, String failureOrNull) {
        return new CheckResult(group, name, Duration.ZERO, failureOrNull);
    }
}
