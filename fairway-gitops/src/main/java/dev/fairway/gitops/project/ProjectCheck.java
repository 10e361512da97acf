package dev.fairway.gitops.project;

import dev.fairway.gitops.cluster.ResourceKey;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verdict of {@link ProjectPolicy#check}: every violation, application-level first. A sync
 * may apply anything only when {@link #permitted()}: one violating object stops the whole app,
 * so a hostile repository cannot get its other objects through.
 */
public record ProjectCheck(List<ProjectViolation> violations) {

    public ProjectCheck {
        violations = List.copyOf(violations);
    }

    public boolean permitted() {
        return violations.isEmpty();
    }

    public List<ProjectViolation> applicationViolations() {
        return violations.stream().filter(ProjectViolation::isApplicationLevel).toList();
    }

    public List<ProjectViolation> resourceViolations() {
        return violations.stream().filter(v -> !v.isApplicationLevel()).toList();
    }

    /** The violation of one object, if any (at most one per object, as Argo CD reports the first). */
    public Optional<ProjectViolation> violationOf(ResourceKey key) {
        return resourceViolations().stream().filter(v -> v.resource().orElseThrow().equals(key)).findFirst();
    }

    /** The application-level messages joined, for one {@code InvalidSpecError} condition. */
    public String applicationMessage() {
        return applicationViolations().stream().map(ProjectViolation::message).collect(Collectors.joining("; "));
    }
}
