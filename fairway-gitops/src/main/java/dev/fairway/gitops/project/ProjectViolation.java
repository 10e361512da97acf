package dev.fairway.gitops.project;

import dev.fairway.gitops.cluster.ResourceKey;
import java.util.Optional;

/**
 * One way an application breaks its project's rules, in Argo CD's words. Application-level
 * violations ({@link #isApplicationLevel()}) become the app's {@code InvalidSpecError}
 * condition; resource-level ones name the object and belong on that resource's sync result.
 */
public record ProjectViolation(Rule rule, String message, Optional<ResourceKey> resource) {

    /** The project rule that was broken. */
    public enum Rule {
        /** {@code sourceNamespaces}: the Application's own namespace may not use the project. */
        SOURCE_NAMESPACES("sourceNamespaces"),
        /** The project the Application names does not exist. */
        PROJECT_EXISTS("project"),
        /** {@code sourceRepos}. */
        SOURCE_REPOS("sourceRepos"),
        /** The destination names no known cluster (or both name and server). */
        DESTINATION_CLUSTER("destination"),
        /** {@code destinations}, for the Application's destination. */
        DESTINATIONS("destinations"),
        /** {@code clusterResourceWhitelist} / {@code clusterResourceBlacklist}. */
        CLUSTER_RESOURCES("clusterResourceWhitelist/clusterResourceBlacklist"),
        /** {@code namespaceResourceWhitelist} / {@code namespaceResourceBlacklist}. */
        NAMESPACE_RESOURCES("namespaceResourceWhitelist/namespaceResourceBlacklist"),
        /** {@code destinations}, for the namespace an object is put in. */
        RESOURCE_NAMESPACE("destinations"),
        /** The cluster does not serve the object's kind, so its scope and permission cannot be known. */
        UNKNOWN_KIND("clusterResourceWhitelist/namespaceResourceWhitelist");

        private final String field;

        Rule(String field) {
            this.field = field;
        }

        /** The AppProject field that holds the rule. */
        public String field() {
            return field;
        }
    }

    public static ProjectViolation ofApplication(Rule rule, String message) {
        return new ProjectViolation(rule, message, Optional.empty());
    }

    public static ProjectViolation ofResource(Rule rule, ResourceKey resource, String message) {
        return new ProjectViolation(rule, message, Optional.of(resource));
    }

    public boolean isApplicationLevel() {
        return resource.isEmpty();
    }

    /** The message with the object in front for resource violations ({@code ClusterRoleBinding.rbac.authorization.k8s.io/x: ...}). */
    public String describe() {
        return resource.map(r -> r + ": " + message).orElse(message);
    }
}
