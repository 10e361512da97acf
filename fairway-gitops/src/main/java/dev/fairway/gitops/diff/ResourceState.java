package dev.fairway.gitops.diff;

/** How one object compares, as Argo CD reports it in an application's resource list. */
public enum ResourceState {
    /** In git and in the cluster, equal after normalisation. */
    SYNCED,
    /** In git and in the cluster, different. */
    OUT_OF_SYNC,
    /** In git, not in the cluster. */
    MISSING,
    /** In the cluster with the application's tracking mark, no longer in git. */
    REQUIRES_PRUNING;

    /** {@code status} of a {@code status.resources[]} entry: {@code Synced} or {@code OutOfSync}. */
    public String syncStatus() {
        return this == SYNCED ? "Synced" : "OutOfSync";
    }
}
