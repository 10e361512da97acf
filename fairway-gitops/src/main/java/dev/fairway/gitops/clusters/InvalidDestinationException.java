package dev.fairway.gitops.clusters;

/**
 * An application destination that names no registered cluster, or is ambiguous. The message is
 * Argo CD's wording (for example {@code there are no clusters with this name: prod}) and becomes
 * the application's InvalidSpecError condition.
 */
public final class InvalidDestinationException extends IllegalArgumentException {

    public InvalidDestinationException(String message) {
        super(message);
    }
}
