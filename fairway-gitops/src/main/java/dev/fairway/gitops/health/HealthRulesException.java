package dev.fairway.gitops.health;

/** Custom health rules the user wrote cannot be used; the message names where and what is wrong. */
public final class HealthRulesException extends RuntimeException {
    public HealthRulesException(String message, Throwable cause) {
        super(message, cause);
    }

    public HealthRulesException(String message) {
        super(message);
    }
}
