package dev.fairway.gitops.cluster;

/** The cluster refused a write; the message is the API server's, prefixed with the object. */
public final class ClusterWriteException extends RuntimeException {

    private final int code;

    public ClusterWriteException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The HTTP status the API server answered with, 0 when it did not answer. */
    public int code() {
        return code;
    }
}
