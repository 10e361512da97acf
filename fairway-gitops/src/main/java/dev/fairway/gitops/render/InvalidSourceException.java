package dev.fairway.gitops.render;

/**
 * An Application's {@code spec.source} options are malformed (Argo CD's InvalidSpecError): the
 * message names the field, such as {@code spec.source.directory.recurse must be true or false}.
 */
public final class InvalidSourceException extends IllegalArgumentException {
    public InvalidSourceException(String message) {
        super(message);
    }
}
