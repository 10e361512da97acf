package dev.fairway.gitops.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.Meta;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a kind is namespaced, as the destination cluster's discovery says. A kind the cluster
 * does not serve has no answer, and project checks refuse its objects (as Argo CD does): were it
 * guessed namespaced, a cluster-scoped custom resource would slip past the cluster whitelist.
 */
@FunctionalInterface
public interface ResourceScopes {

    enum Scope { NAMESPACED, CLUSTER }

    /** The scope of the kind, or empty when the cluster does not serve it. */
    Optional<Scope> scopeOf(GroupKind kind);

    /**
     * Every kind not in {@code clusterScoped} counts as namespaced. Only for callers that cannot
     * ask discovery and know every cluster-scoped kind, e.g.
     * {@code ClusterScopedKinds.builtIn().or(crds)}.
     */
    static ResourceScopes assumingNamespaced(Predicate<GroupKind> clusterScoped) {
        return kind -> Optional.of(clusterScoped.test(kind) ? Scope.CLUSTER : Scope.NAMESPACED);
    }

    /** Kinds answered from a map, e.g. built from discovery; others are unknown. */
    static ResourceScopes of(Map<GroupKind, Scope> scopes) {
        Map<GroupKind, Scope> copy = Map.copyOf(scopes);
        return kind -> Optional.ofNullable(copy.get(kind));
    }

    /**
     * Adds the kinds that CustomResourceDefinitions among {@code objects} define, so that a CRD
     * and its custom resources can be checked in the same sync, before the CRD is applied.
     */
    default ResourceScopes withCrdsIn(Collection<? extends JsonNode> objects) {
        Map<GroupKind, Scope> defined = new HashMap<>();
        for (JsonNode o : objects) {
            String apiVersion = Meta.apiVersion(o);
            if ("CustomResourceDefinition".equals(Meta.kind(o)) && apiVersion != null
                    && apiVersion.startsWith("apiextensions.k8s.io/")) {
                String group = o.path("spec").path("group").asText("");
                String kind = o.path("spec").path("names").path("kind").asText("");
                String scope = o.path("spec").path("scope").asText("");
                if (!kind.isEmpty() && (scope.equals("Namespaced") || scope.equals("Cluster"))) {
                    defined.put(new GroupKind(group, kind), scope.equals("Cluster") ? Scope.CLUSTER : Scope.NAMESPACED);
                }
            }
        }
        if (defined.isEmpty()) {
            return this;
        }
        return kind -> scopeOf(kind).or(() -> Optional.ofNullable(defined.get(kind)));
    }
}
