package dev.fairway.gitops.repo;

/**
 * A repository could not give the files an application asked for. The message is meant for the
 * application's status as is: it names the repository URL as the application wrote it and as it
 * was fetched (when a rewrite rule changed it), the revision, and what to do.
 */
public final class RepositoryException extends RuntimeException {

    /** What went wrong, for callers that react differently (retry a timeout, not a missing repo). */
    public enum Reason {
        REPOSITORY_NOT_FOUND,
        REVISION_NOT_FOUND,
        AUTHENTICATION_FAILED,
        UNREACHABLE,
        TIMEOUT,
        INVALID_CONTENT,
        UNSUPPORTED
    }

    private final Reason reason;
    private final String repoUrl;

    public RepositoryException(Reason reason, String repoUrl, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.repoUrl = repoUrl;
    }

    public Reason reason() {
        return reason;
    }

    /** The repository URL as the application names it. */
    public String repoUrl() {
        return repoUrl;
    }
}
