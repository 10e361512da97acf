package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.SyncOptions;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.kube.GroupVersionKind;
import java.util.Comparator;
import java.util.Set;

/**
 * One thing an operation does to one object: apply it, run it as a hook, or prune it.
 *
 * @param apiVersion the version to write (the desired one; the live one for a prune)
 * @param object what to write: the desired object (tracking mark set, hook names chosen); the live object for a prune
 * @param live the object in the cluster when the operation was planned, null when missing (or for hooks)
 * @param options the object's {@code argocd.argoproj.io/sync-options} before the application's
 */
public record SyncTask(Type type, ResourceKey key, String apiVersion, SyncPhase phase, int wave, ObjectNode object,
        ObjectNode live, SyncOptions options, Set<HookDeletePolicy> deletePolicies) {

    public enum Type {
        APPLY, HOOK, PRUNE
    }

    /** Groups of tasks that run together, in this order; the next group starts when the last one is done. */
    public record Group(SyncPhase phase, int stage, int wave) implements Comparable<Group> {
        private static final Comparator<Group> ORDER = Comparator.comparing(Group::phase)
                .thenComparingInt(Group::stage).thenComparingInt(Group::wave);

        @Override
        public int compareTo(Group other) {
            return ORDER.compare(this, other);
        }
    }

    public SyncTask {
        deletePolicies = Set.copyOf(deletePolicies);
    }

    public String id() {
        return id(key, phase, type == Type.HOOK);
    }

    static String id(ResourceKey key, SyncPhase phase, boolean hook) {
        return phase + (hook ? "|hook|" : "|") + key;
    }

    public String version() {
        return GroupVersionKind.of(apiVersion, key.kind()).version();
    }

    public boolean isHook() {
        return type == Type.HOOK;
    }

    public boolean pruneLast() {
        return options.isTrue("PruneLast");
    }

    /**
     * Applies and hooks run by wave; prunes after them in reverse wave order (what was created last
     * goes first), and those marked {@code PruneLast=true} after everything else of the phase.
     */
    public Group group() {
        if (type == Type.PRUNE) {
            return pruneLast() ? new Group(phase, 2, 0) : new Group(phase, 1, -wave);
        }
        return new Group(phase, 0, wave);
    }

    /** {@code group/Kind/name} as Argo CD's messages name objects ({@code Kind/name} for the core group). */
    public String describe() {
        return (key.group().isEmpty() ? "" : key.group() + "/") + key.kind() + "/" + key.name();
    }
}
