package dev.fairway.gitops.project;

import dev.fairway.gitops.cluster.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * The orphaned objects of an application, sorted by group, kind, namespace and name, and the {@code OrphanedResourceWarning}
 * condition message when the project asks for warnings ({@code Application has 2 orphaned resources}).
 *
 * @param monitored false when the project has no {@code orphanedResources} (nothing is looked for)
 */
public record OrphanReport(boolean monitored, List<ResourceKey> orphans, Optional<String> warning) {

    /** The application condition type Argo CD uses for the warning. */
    public static final String CONDITION_TYPE = "OrphanedResourceWarning";

    public OrphanReport {
        orphans = List.copyOf(orphans);
    }

    static OrphanReport notMonitored() {
        return new OrphanReport(false, List.of(), Optional.empty());
    }
}
