package dev.fairway.gitops.app;

/**
 * An Application whose spec cannot be used as written. The message names the field
 * ({@code spec.source.repoURL: required; give the git repository URL}) and is shown as the
 * application's {@code InvalidSpecError} condition as is.
 */
public final class InvalidSpecError extends RuntimeException {

    private final String field;

    public InvalidSpecError(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The dotted path of the field at fault, e.g. {@code spec.syncPolicy.retry.limit}. */
    public String field() {
        return field;
    }
}
