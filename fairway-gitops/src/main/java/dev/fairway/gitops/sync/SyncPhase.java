package dev.fairway.gitops.sync;

/**
 * The phases of a sync operation, in the order they run (Argo CD's sync phases). {@code SyncFail}
 * runs only when one of the others failed.
 */
public enum SyncPhase {
    PreSync, Sync, PostSync, SyncFail
}
