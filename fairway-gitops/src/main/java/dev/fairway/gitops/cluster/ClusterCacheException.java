package dev.fairway.gitops.cluster;

/** The cluster cache cannot watch a kind: the cluster does not serve it, or refused the watch. */
public final class ClusterCacheException extends RuntimeException {
    public ClusterCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
