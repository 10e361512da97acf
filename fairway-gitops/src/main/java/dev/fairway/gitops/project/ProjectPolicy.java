package dev.fairway.gitops.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.project.ProjectViolation.Rule;
import dev.fairway.kube.Meta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks an application and its rendered objects against its AppProject, before anything is
 * applied, with Argo CD's rules and messages:
 *
 * <ul>
 *   <li>application level ({@code InvalidSpecError}): the Application's namespace must be the
 *       control-plane namespace or in {@code sourceNamespaces}; every source repository must be
 *       in {@code sourceRepos}; the destination must name a known cluster, and that cluster and
 *       namespace must be in {@code destinations};
 *   <li>per object: its group/kind must pass the cluster or namespace resource lists, and a
 *       namespaced object's own namespace (the destination namespace when it names none) must be
 *       in {@code destinations}, so a repository cannot put objects in {@code kube-system}.
 * </ul>
 */
public final class ProjectPolicy {

    private final AppProject project;
    private final ClusterLookup clusters;
    private final ResourceScopes scopes;
    private final String controlPlaneNamespace;

    /**
     * @param scopes which kinds are namespaced, from the destination cluster's discovery (objects
     *     of kinds it does not know are refused)
     * @param controlPlaneNamespace the namespace the engine reads Applications from ({@code argocd})
     */
    public ProjectPolicy(AppProject project, ClusterLookup clusters, ResourceScopes scopes,
            String controlPlaneNamespace) {
        this.project = Objects.requireNonNull(project, "project");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.controlPlaneNamespace = Objects.requireNonNull(controlPlaneNamespace, "controlPlaneNamespace");
    }

    public AppProject project() {
        return project;
    }

    /** The verdict for an application whose project does not exist: it must not sync. */
    public static ProjectCheck projectMissing(ApplicationRef app) {
        return new ProjectCheck(List.of(ProjectViolation.ofApplication(Rule.PROJECT_EXISTS,
                "Application referencing project " + app.project() + " which does not exist")));
    }

    /** Application-level and per-object violations together. */
    public ProjectCheck check(ApplicationRef app, Collection<? extends JsonNode> objects) {
        List<ProjectViolation> all = new ArrayList<>(checkApplication(app));
        if (all.stream().noneMatch(v -> v.rule() == Rule.SOURCE_NAMESPACES)) {
            all.addAll(checkResources(app, objects));
        }
        return new ProjectCheck(all);
    }

    /** The application-level violations, in Argo CD's order. */
    public List<ProjectViolation> checkApplication(ApplicationRef app) {
        requireProject(app);
        if (!project.isAppNamespacePermitted(app.namespace(), controlPlaneNamespace)) {
            // Argo CD does not look further: the application may not use the project at all
            return List.of(ProjectViolation.ofApplication(Rule.SOURCE_NAMESPACES, "application '" + app.name()
                    + "' in namespace '" + app.namespace() + "' is not permitted to use project '" + project.name() + "'"));
        }
        List<ProjectViolation> out = new ArrayList<>();
        for (String repo : app.repoURLs()) {
            if (!project.isSourcePermitted(repo)) {
                out.add(ProjectViolation.ofApplication(Rule.SOURCE_REPOS,
                        "application repo " + repo + " is not permitted in project '" + project.name() + "'"));
            }
        }
        Cluster cluster;
        try {
            cluster = clusters.resolve(app.destination());
        } catch (IllegalArgumentException e) {
            out.add(ProjectViolation.ofApplication(Rule.DESTINATION_CLUSTER, e.getMessage()));
            return out;
        }
        if (!project.isDestinationPermitted(cluster, app.destination().namespace())) {
            String server = app.destination().name().isEmpty() ? cluster.server() : cluster.name();
            out.add(ProjectViolation.ofApplication(Rule.DESTINATIONS, "application destination server '" + server
                    + "' and namespace '" + app.destination().namespace()
                    + "' do not match any of the allowed destinations in project '" + project.name() + "'"));
        }
        return out;
    }

    /**
     * One violation at most per object: its kind first, then its namespace. CustomResourceDefinitions
     * among the objects count as known kinds for the others.
     */
    public List<ProjectViolation> checkResources(ApplicationRef app, Collection<? extends JsonNode> objects) {
        requireProject(app);
        Optional<Cluster> cluster = resolved(app);
        ResourceScopes known = scopes.withCrdsIn(objects);
        List<ProjectViolation> out = new ArrayList<>();
        for (JsonNode object : objects) {
            ResourceKey key = keyOf(object);
            if (key.kind().isEmpty()) {
                out.add(ProjectViolation.ofResource(Rule.UNKNOWN_KIND, key, "object without apiVersion and kind "
                        + "cannot be checked against project " + project.name()));
                continue;
            }
            Optional<ResourceScopes.Scope> scope = known.scopeOf(key.groupKind());
            if (scope.isEmpty()) {
                out.add(unknownKind(key));
                continue;
            }
            boolean namespaced = scope.get() == ResourceScopes.Scope.NAMESPACED;
            if (namespaced && key.namespace().isEmpty()) {
                // the renderer gives such objects the destination namespace; check where they will land
                key = new ResourceKey(key.group(), key.kind(), app.destination().namespace(), key.name());
            }
            checkResource(cluster, key, namespaced).ifPresent(out::add);
        }
        return out;
    }

    private ProjectViolation unknownKind(ResourceKey key) {
        return ProjectViolation.ofResource(Rule.UNKNOWN_KIND, key, "failed to get API resource info for "
                + key.group() + "/" + key.kind() + ": unable to verify permissions");
    }

    private static ResourceKey keyOf(JsonNode object) {
        String apiVersion = Meta.apiVersion(object);
        String kind = Meta.kind(object);
        String name = Meta.name(object);
        if (apiVersion == null || kind == null) {
            return new ResourceKey("", kind == null ? "" : kind, Meta.namespace(object), name == null ? "" : name);
        }
        return ResourceKey.of(object);
    }

    /**
     * Whether the project lets the application have this object, as Argo CD asks for live objects
     * (resource tree, orphans): permitted kind, and for namespaced objects a permitted namespace.
     */
    public boolean isResourcePermitted(ApplicationRef app, ResourceKey key) {
        return scopes.scopeOf(key.groupKind())
                .map(scope -> checkResource(resolved(app), key, scope == ResourceScopes.Scope.NAMESPACED).isEmpty())
                .orElse(false);
    }

    private Optional<ProjectViolation> checkResource(Optional<Cluster> cluster, ResourceKey key, boolean namespaced) {
        if (!project.isGroupKindNamePermitted(key.groupKind(), key.name(), namespaced)) {
            return Optional.of(ProjectViolation.ofResource(namespaced ? Rule.NAMESPACE_RESOURCES : Rule.CLUSTER_RESOURCES,
                    key, "resource " + key.group() + ":" + key.kind() + " is not permitted in project " + project.name()));
        }
        if (namespaced && !project.isDestinationPermitted(cluster.orElse(null), key.namespace())) {
            return Optional.of(ProjectViolation.ofResource(Rule.RESOURCE_NAMESPACE, key,
                    "namespace " + key.namespace() + " is not permitted in project '" + project.name() + "'"));
        }
        return Optional.empty();
    }

    private Optional<Cluster> resolved(ApplicationRef app) {
        try {
            return Optional.of(clusters.resolve(app.destination()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void requireProject(ApplicationRef app) {
        if (!app.project().equals(project.name())) {
            throw new IllegalArgumentException("application " + app.name() + " is in project '" + app.project()
                    + "', not '" + project.name() + "'");
        }
    }
}
