package dev.fairway.gitops.project;

/**
 * An AppProject that cannot be used as written. The message names the project and the field
 * ({@code AppProject 'team-a': spec.syncWindows[0].duration: must be a duration such as 1h or
 * 30m, not "soon"}); applications in the project are not synced until it is fixed.
 */
public final class InvalidProjectError extends RuntimeException {

    private final String project;
    private final String field;

    public InvalidProjectError(String project, String field, String problem) {
        super("AppProject '" + project + "': " + field + ": " + problem);
        this.project = project;
        this.field = field;
    }

    public String project() {
        return project;
    }

    /** The dotted path of the field at fault, e.g. {@code spec.destinations[2].namespace}. */
    public String field() {
        return field;
    }
}
