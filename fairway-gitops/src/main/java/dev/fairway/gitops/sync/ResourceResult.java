package dev.fairway.gitops.sync;

import dev.fairway.gitops.cluster.ResourceKey;

/**
 * What a sync did to one object, as an entry of {@code status.operationState.syncResult.resources}.
 *
 * @param status {@code Synced}, {@code SyncFailed}, {@code Pruned} or {@code PruneSkipped}
 */
public record ResourceResult(ResourceKey key, String version, String status, String message) {

    public static final String SYNCED = "Synced";
    public static final String SYNC_FAILED = "SyncFailed";
    public static final String PRUNED = "Pruned";
    public static final String PRUNE_SKIPPED = "PruneSkipped";

    public boolean failed() {
        return SYNC_FAILED.equals(status);
    }
}
