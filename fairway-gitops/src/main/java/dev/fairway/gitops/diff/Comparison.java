package dev.fairway.gitops.diff;

import java.util.List;

/** Desired against live for every object of an application, in a stable order. */
public record Comparison(List<ResourceDiff> resources) {

    public Comparison {
        resources = List.copyOf(resources);
    }

    /** Synced when every object is; an object that requires pruning makes the application OutOfSync, as in Argo CD. */
    public boolean isSynced() {
        return resources.stream().allMatch(ResourceDiff::isSynced);
    }

    public List<ResourceDiff> outOfSync() {
        return resources.stream().filter(r -> !r.isSynced()).toList();
    }
}
