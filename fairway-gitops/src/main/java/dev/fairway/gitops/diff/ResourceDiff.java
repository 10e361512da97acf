package dev.fairway.gitops.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.cluster.ResourceKey;

/**
 * The comparison of one object.
 *
 * @param desired the object from git, as it will be applied; null when it requires pruning
 * @param live the object in the cluster; null when it is missing
 * @param diff a unified diff of live against predicted with Secret values masked; empty when synced
 * @param message why the comparison is uncertain (a refused dry-run), empty otherwise
 */
public record ResourceDiff(ResourceKey key, ResourceState state, ObjectNode desired, ObjectNode live, String diff,
        String message) {

    public boolean isSynced() {
        return state == ResourceState.SYNCED;
    }

    /** The API version to use for the object: the desired one, else the live one. */
    public String apiVersion() {
        return (desired != null ? desired : live).get("apiVersion").asText();
    }
}
