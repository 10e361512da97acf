package dev.fairway.gitops.sync;

import dev.fairway.gitops.diff.Comparison;

/**
 * One sync to run.
 *
 * @param application the application's name, for the tracking mark
 * @param revision the commit the desired objects come from
 * @param comparison desired against live, from which the tasks are planned
 * @param prune delete objects that left git (automated prune, or a manual sync that asks)
 * @param createNamespace apply {@code namespace} first ({@code CreateNamespace=true})
 * @param namespace the destination namespace
 * @param applyOutOfSyncOnly skip objects already in sync ({@code ApplyOutOfSyncOnly=true})
 */
public record SyncRequest(String application, String revision, Comparison comparison, boolean prune,
        boolean createNamespace, String namespace, boolean applyOutOfSyncOnly) {}
