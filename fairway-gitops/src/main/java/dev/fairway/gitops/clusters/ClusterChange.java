package dev.fairway.gitops.clusters;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster that was added, changed or removed. The controller requeues the applications whose
 * destination names any of {@link #servers()} or {@link #names()}.
 *
 * @param before the cluster as it was, empty when it was added
 * @param after the cluster as it is now, empty when it was removed
 */
public record ClusterChange(Optional<RegisteredCluster> before, Optional<RegisteredCluster> after) {

    public enum Kind { ADDED, CHANGED, REMOVED }

    public Kind kind() {
        return before.isEmpty() ? Kind.ADDED : after.isEmpty() ? Kind.REMOVED : Kind.CHANGED;
    }

    /** The servers an application may name to be affected (both, when the server changed). */
    public Set<String> servers() {
        Set<String> out = new LinkedHashSet<>();
        before.ifPresent(c -> out.add(c.server()));
        after.ifPresent(c -> out.add(c.server()));
        return out;
    }

    /** The names an application may name to be affected (both, when the cluster was renamed). */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        before.ifPresent(c -> out.add(c.name()));
        after.ifPresent(c -> out.add(c.name()));
        return out;
    }
}
