package dev.fairway.gitops.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.Meta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An Argo CD {@code argoproj.io/v1alpha1} AppProject, read and checked once. The predicates
 * answer Argo CD's questions with its exact rules; {@link ProjectPolicy} turns them into
 * violations.
 *
 * @param namespaceResourceWhitelist empty when not given (every namespaced kind allowed); a
 *     given but empty list allows no namespaced kind at all, as in Argo CD
 * @param orphanedResources empty when not given: orphaned objects are not looked for
 * @param permitOnlyProjectScopedClusters destinations must also be clusters scoped to this project
 */
public record AppProject(String name, String namespace, List<String> sourceRepos,
        List<ProjectDestination> destinations, List<ClusterResourceRule> clusterResourceWhitelist,
        List<ClusterResourceRule> clusterResourceBlacklist, Optional<List<GroupKindRule>> namespaceResourceWhitelist,
        List<GroupKindRule> namespaceResourceBlacklist, List<String> sourceNamespaces,
        Optional<OrphanedResourcesSettings> orphanedResources, SyncWindows syncWindows, List<ProjectRole> roles,
        boolean permitOnlyProjectScopedClusters) {

    public static final String API_VERSION = "argoproj.io/v1alpha1";
    public static final String KIND = "AppProject";

    public AppProject {
        sourceRepos = List.copyOf(sourceRepos);
        destinations = List.copyOf(destinations);
        clusterResourceWhitelist = List.copyOf(clusterResourceWhitelist);
        clusterResourceBlacklist = List.copyOf(clusterResourceBlacklist);
        namespaceResourceWhitelist = namespaceResourceWhitelist.map(List::copyOf);
        namespaceResourceBlacklist = List.copyOf(namespaceResourceBlacklist);
        sourceNamespaces = List.copyOf(sourceNamespaces);
        roles = List.copyOf(roles);
    }

    /**
     * Reads an AppProject object.
     *
     * @throws InvalidProjectError naming the project and the first field that is wrong
     */
    public static AppProject parse(ObjectNode object) {
        String name = Meta.name(object);
        String project = name == null || name.isBlank() ? "(unnamed)" : name;
        if (!API_VERSION.equals(Meta.apiVersion(object)) || !KIND.equals(Meta.kind(object))) {
            throw new InvalidProjectError(project, "apiVersion/kind", "expected " + API_VERSION + " " + KIND + ", not "
                    + Meta.apiVersion(object) + " " + Meta.kind(object));
        }
        if (name == null || name.isBlank()) {
            throw new InvalidProjectError(project, "metadata.name", "required");
        }
        ProjectFields spec = new ProjectFields(name, object, "").object("spec");
        List<String> repos = spec.strings("sourceRepos");
        for (int i = 0; i < repos.size(); i++) {
            if (repos.get(i).equals("!*")) {
                throw spec.error("sourceRepos[" + i + "]", "source repository has an invalid format, '!*'");
            }
            String problem = ArgoGlob.problem(Negatable.body(repos.get(i)), "/");
            if (problem != null) {
                throw spec.error("sourceRepos[" + i + "]", problem);
            }
        }
        List<String> sourceNamespaces = spec.strings("sourceNamespaces");
        for (int i = 0; i < sourceNamespaces.size(); i++) {
            String problem = sourceNamespaceProblem(sourceNamespaces.get(i));
            if (problem != null) {
                throw spec.error("sourceNamespaces[" + i + "]", problem);
            }
        }
        Map<String, List<JwtToken>> statusTokens = new HashMap<>();
        ProjectFields byRole = new ProjectFields(name, object, "").object("status").object("jwtTokensByRole");
        JsonNode rolesNode = object.path("status").path("jwtTokensByRole");
        rolesNode.fieldNames().forEachRemaining(role -> statusTokens.put(role,
                byRole.object(role).objects("items").stream().map(JwtToken::parse).toList()));
        return new AppProject(name, Optional.ofNullable(Meta.namespace(object)).orElse(""), repos,
                spec.objects("destinations").stream().map(ProjectDestination::parse).toList(),
                spec.objects("clusterResourceWhitelist").stream().map(ClusterResourceRule::parse).toList(),
                spec.objects("clusterResourceBlacklist").stream().map(ClusterResourceRule::parse).toList(),
                spec.objectList("namespaceResourceWhitelist").map(l -> l.stream().map(GroupKindRule::parse).toList()),
                spec.objects("namespaceResourceBlacklist").stream().map(GroupKindRule::parse).toList(),
                sourceNamespaces,
                spec.has("orphanedResources")
                        ? Optional.of(OrphanedResourcesSettings.parse(spec.object("orphanedResources")))
                        : Optional.empty(),
                new SyncWindows(spec.objects("syncWindows").stream().map(SyncWindow::parse).toList()),
                spec.objects("roles").stream()
                        .map(r -> ProjectRole.parse(name, r, statusTokens.getOrDefault(r.string("name", ""), List.of())))
                        .toList(),
                spec.bool("permitOnlyProjectScopedClusters"));
    }

    private static String sourceNamespaceProblem(String item) {
        if (item.length() > 1 && item.startsWith("/") && item.endsWith("/")) {
            try {
                Pattern.compile(item.substring(1, item.length() - 1));
                return null;
            } catch (PatternSyntaxException e) {
                return "invalid regular expression " + item + ": " + e.getDescription();
            }
        }
        return ArgoGlob.problem(item, "");
    }

    /**
     * Whether the repository may be used: each {@code sourceRepos} glob is compared with the
     * URL's normalised form ({@code *} does not cross {@code /}); any failing {@code !} pattern
     * refuses it, otherwise one match is needed.
     */
    public boolean isSourcePermitted(String repoURL) {
        String source = RepoUrl.normalize(repoURL == null ? "" : repoURL);
        boolean anyMatched = false;
        for (String repo : sourceRepos) {
            String pattern = Negatable.isDeny(repo) ? "!" + RepoUrl.normalize(repo.substring(1)) : RepoUrl.normalize(repo);
            boolean matched = Negatable.matches(pattern, source, true, "/");
            if (matched) {
                anyMatched = true;
            } else if (Negatable.isDeny(pattern)) {
                return false;
            }
        }
        return anyMatched;
    }

    /**
     * Whether the project allows the namespace on the cluster (known by both its server and its
     * name), by Argo CD's rules: a destination matches when its server or name and its namespace
     * match; a failing {@code !} pattern refuses outright. With
     * {@code permitOnlyProjectScopedClusters} the cluster must also be scoped to this project.
     */
    public boolean isDestinationPermitted(Cluster cluster, String destinationNamespace) {
        if (cluster == null) {
            return false;
        }
        boolean matched = isDestinationMatched(cluster.server(), cluster.name(), destinationNamespace);
        if (matched && permitOnlyProjectScopedClusters) {
            return name.equals(cluster.project());
        }
        return matched;
    }

    private boolean isDestinationMatched(String server, String clusterName, String ns) {
        boolean anyMatched = false;
        for (ProjectDestination item : destinations) {
            boolean nameMatched = !clusterName.isEmpty() && Negatable.matches(item.name(), clusterName, true, "");
            boolean serverMatched = !server.isEmpty() && Negatable.matches(item.server(), server, true, "");
            boolean namespaceMatched = Negatable.matches(item.namespace(), ns, true, "");
            if ((serverMatched || nameMatched) && namespaceMatched) {
                anyMatched = true;
            } else if ((!nameMatched && Negatable.isDeny(item.name()))
                    || (!serverMatched && Negatable.isDeny(item.server()) && namespaceMatched)) {
                return false;
            } else if (!namespaceMatched && Negatable.isDeny(item.namespace()) && serverMatched) {
                return false;
            }
        }
        return anyMatched;
    }

    /**
     * Whether an object of the kind (and, for cluster-scoped kinds, name) may be deployed.
     * Namespaced kinds are allowed unless a whitelist is given and leaves them out, or the
     * blacklist names them. Cluster-scoped kinds are refused unless the cluster whitelist names
     * them and the cluster blacklist does not.
     */
    public boolean isGroupKindNamePermitted(GroupKind gk, String objectName, boolean namespaced) {
        if (namespaced) {
            boolean white = namespaceResourceWhitelist.map(l -> l.stream().anyMatch(r -> r.matches(gk))).orElse(true);
            boolean black = namespaceResourceBlacklist.stream().anyMatch(r -> r.matches(gk));
            return white && !black;
        }
        boolean white = clusterResourceWhitelist.stream().anyMatch(r -> r.matches(gk, objectName));
        boolean black = clusterResourceBlacklist.stream().anyMatch(r -> r.matches(gk, objectName));
        return white && !black;
    }

    /**
     * Whether an Application in {@code appNamespace} may use this project: those in the
     * control-plane namespace always may, others only when {@code sourceNamespaces} names their
     * namespace (a glob, or a regular expression between slashes).
     */
    public boolean isAppNamespacePermitted(String appNamespace, String controlPlaneNamespace) {
        if (appNamespace == null || appNamespace.isEmpty() || appNamespace.equals(controlPlaneNamespace)) {
            return true;
        }
        for (String item : sourceNamespaces) {
            if (item.length() > 1 && item.startsWith("/") && item.endsWith("/")
                    && Pattern.compile(item.substring(1, item.length() - 1)).matcher(appNamespace).find()) {
                return true;
            }
            if (ArgoGlob.matches(item, appNamespace, "")) {
                return true;
            }
        }
        return false;
    }

    public Optional<ProjectRole> role(String roleName) {
        return roles.stream().filter(r -> r.name().equals(roleName)).findFirst();
    }
}
