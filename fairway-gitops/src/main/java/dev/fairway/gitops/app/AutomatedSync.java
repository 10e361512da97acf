package dev.fairway.gitops.app;

/**
 * {@code spec.syncPolicy.automated}: sync on every new revision and on drift.
 *
 * @param prune delete objects that left git
 * @param selfHeal revert changes made directly in the cluster
 * @param allowEmpty allow a sync that would leave the application with no objects
 */
public record AutomatedSync(boolean prune, boolean selfHeal, boolean allowEmpty) {

    static AutomatedSync parse(SpecFields f) {
        return new AutomatedSync(f.bool("prune", false), f.bool("selfHeal", false), f.bool("allowEmpty", false));
    }
}
