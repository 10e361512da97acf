package dev.fairway.gitops.project;

import static dev.fairway.gitops.project.Projects.app;
import static dev.fairway.gitops.project.Projects.project;
import static dev.fairway.gitops.project.Projects.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Destination;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.project.ProjectViolation.Rule;
import dev.fairway.gitops.render.ClusterScopedKinds;
import dev.fairway.kube.GroupKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectPolicyTest {

    /** Built-in kinds plus Argo CD's Application, as discovery would answer; everything else is unknown. */
    private static final ResourceScopes BUILT_IN = ResourceScopes.assumingNamespaced(ClusterScopedKinds.builtIn());
    private static final ResourceScopes SCOPES = kind -> kind.group().endsWith(".acme.io") ? Optional.empty() : BUILT_IN.scopeOf(kind);
    private static final String IN_CLUSTER = "https://kubernetes.default.svc";
    private static final String REPO = "https://github.com/acme/team-a-apps.git";
    private static final ClusterLookup CLUSTERS = () -> List.of(Cluster.IN_CLUSTER,
            new Cluster("https://prod.example.com:6443", "prod", "team-a"),
            new Cluster("https://edge-1.example.com", "edge", ""), new Cluster("https://edge-2.example.com", "edge", ""));

    /** The adversarial project: its own repo, namespace team-a only, cluster-scoped kinds only Namespace. */
    private static final AppProject TEAM_A = project("team-a", """
              sourceRepos: ['https://github.com/acme/team-a-*']
              destinations:
                - server: https://kubernetes.default.svc
                  namespace: team-a
              clusterResourceWhitelist:
                - group: ''
                  kind: Namespace
            """);

    private static ProjectPolicy policy(AppProject project) {
        return new ProjectPolicy(project, CLUSTERS, SCOPES, "argocd");
    }

    private static List<String> appMessages(AppProject project, ApplicationRef app) {
        return policy(project).checkApplication(app).stream().map(ProjectViolation::message).toList();
    }

    @Test
    void aWellBehavedApplicationPasses() {
        ProjectCheck check = policy(TEAM_A).check(app("team-a", REPO, IN_CLUSTER, "team-a"), List.of(
                resource("apps/v1", "Deployment", "team-a", "web"),
                resource("v1", "Service", null, "web"),
                resource("v1", "Namespace", null, "team-a")));
        assertThat(check.permitted()).isTrue();
        assertThat(check.violations()).isEmpty();
    }

    @Test
    void theDefaultProjectTheEngineInstallsAllowsEveryRepoDestinationAndKind() throws Exception {
        ObjectNode object;
        try (var in = ProjectPolicyTest.class.getResourceAsStream("/crds/default-appproject.yaml")) {
            object = (ObjectNode) dev.fairway.kube.Json.YAML.readTree(in);
        }
        AppProject defaultProject = AppProject.parse(object);
        ProjectCheck check = policy(defaultProject).check(app("default", "git@gitlab.com:any/thing.git", IN_CLUSTER, "kube-system"),
                List.of(resource("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "x"),
                        resource("apps/v1", "DaemonSet", "kube-system", "d")));
        assertThat(check.permitted()).isTrue();
    }

    // --- sourceRepos

    @Test
    void aRepositoryOutsideSourceReposIsAnApplicationLevelViolationInArgoCdWords() {
        ApplicationRef app = app("team-a", "https://github.com/evil/payload", IN_CLUSTER, "team-a");
        List<ProjectViolation> violations = policy(TEAM_A).checkApplication(app);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.SOURCE_REPOS);
            assertThat(v.isApplicationLevel()).isTrue();
            assertThat(v.message()).isEqualTo(
                    "application repo https://github.com/evil/payload is not permitted in project 'team-a'");
        });
    }

    @Test
    void repositoryUrlsCompareWithoutCaseOrGitSuffix() {
        AppProject exact = project("p", "  sourceRepos: ['https://github.com/acme/app']\n  destinations: [{server: '*', namespace: '*'}]\n");
        for (String url : List.of("https://github.com/acme/app", "https://github.com/acme/app.git",
                "https://GitHub.com/Acme/App.git", "  https://github.com/acme/app  ")) {
            assertThat(exact.isSourcePermitted(url)).as(url).isTrue();
        }
        assertThat(exact.isSourcePermitted("https://github.com/acme/app2")).isFalse();
        assertThat(exact.isSourcePermitted("https://github.com/acme/app/extra")).isFalse();
    }

    @Test
    void aDeniedRepositoryCannotBeReachedBySpellingItDifferently() {
        AppProject p = project("p", "  sourceRepos: ['https://github.com/acme/*', '!https://github.com/acme/secrets.git']\n");
        assertThat(p.isSourcePermitted("https://github.com/acme/web")).isTrue();
        assertThat(p.isSourcePermitted("https://github.com/acme/secrets")).isFalse();
        assertThat(p.isSourcePermitted("https://github.com/ACME/Secrets.git")).isFalse();
    }

    @Test
    void sshScpUrlsMatchTheirPatterns() {
        AppProject p = project("p", "  sourceRepos: ['git@github.com:acme/*']\n");
        assertThat(p.isSourcePermitted("git@github.com:acme/web.git")).isTrue();
        assertThat(p.isSourcePermitted("git@github.com:other/web.git")).isFalse();
        assertThat(p.isSourcePermitted("https://github.com/acme/web")).as("another scheme is another URL").isFalse();
    }

    @Test
    void aStarInSourceReposStopsAtSlashesButAStarAloneAllowsEverything() {
        AppProject orgOnly = project("p", "  sourceRepos: ['https://github.com/acme/*']\n");
        assertThat(orgOnly.isSourcePermitted("https://github.com/acme/team/nested")).isFalse();
        assertThat(project("p", "  sourceRepos: ['*']\n").isSourcePermitted("https://anything/at/all")).isTrue();
        assertThat(project("p", "  sourceRepos: []\n").isSourcePermitted("https://github.com/acme/web")).isFalse();
    }

    @Test
    void withOnlyADenyPatternEveryOtherRepositoryIsAllowedAsInArgoCd() {
        AppProject p = project("p", "  sourceRepos: ['!https://github.com/evil/*']\n");
        assertThat(p.isSourcePermitted("https://github.com/acme/web")).isTrue();
        assertThat(p.isSourcePermitted("https://github.com/evil/x")).isFalse();
    }

    @Test
    void everySourceIsChecked() {
        ApplicationRef app = new ApplicationRef("multi", "argocd", "team-a",
                List.of("https://github.com/acme/team-a-web", "https://github.com/evil/x", "https://github.com/evil/y"),
                new Destination(IN_CLUSTER, "", "team-a"));
        assertThat(appMessages(TEAM_A, app)).containsExactly(
                "application repo https://github.com/evil/x is not permitted in project 'team-a'",
                "application repo https://github.com/evil/y is not permitted in project 'team-a'");
    }

    // --- destinations

    @Test
    void aDestinationOutsideTheProjectIsRefusedInArgoCdWords() {
        assertThat(appMessages(TEAM_A, app("team-a", REPO, IN_CLUSTER, "kube-system"))).containsExactly(
                "application destination server 'https://kubernetes.default.svc' and namespace 'kube-system' "
                        + "do not match any of the allowed destinations in project 'team-a'");
    }

    @Test
    void aSecondClusterIsRefusedAndNamedAsTheApplicationNamedIt() {
        ApplicationRef byName = new ApplicationRef("x", "argocd", "team-a", List.of(REPO), new Destination("", "prod", "team-a"));
        assertThat(appMessages(TEAM_A, byName)).containsExactly("application destination server 'prod' and namespace "
                + "'team-a' do not match any of the allowed destinations in project 'team-a'");
    }

    @Test
    void aDestinationByNameMatchesAProjectDestinationByServerAndTheOtherWayRound() {
        AppProject byServer = project("p", "  destinations: [{server: 'https://kubernetes.default.svc', namespace: a}]\n");
        AppProject byName = project("p", "  destinations: [{name: in-cluster, namespace: a}]\n");
        assertThat(byServer.isDestinationPermitted(CLUSTERS.resolve(new Destination("", "in-cluster", "a")), "a")).isTrue();
        assertThat(byName.isDestinationPermitted(CLUSTERS.resolve(new Destination(IN_CLUSTER, "", "a")), "a")).isTrue();
        assertThat(byName.isDestinationPermitted(CLUSTERS.resolve(new Destination(IN_CLUSTER + "/", "", "a")), "a"))
                .as("a trailing slash names the same server").isTrue();
    }

    @Test
    void destinationNamespacesAreGlobs() {
        AppProject p = project("p", "  destinations: [{server: '*', namespace: 'team-a-*'}]\n");
        assertThat(p.isDestinationPermitted(Cluster.IN_CLUSTER, "team-a-dev")).isTrue();
        assertThat(p.isDestinationPermitted(Cluster.IN_CLUSTER, "team-b")).isFalse();
        assertThat(p.isDestinationPermitted(Cluster.IN_CLUSTER, "")).as("cluster-scoped apps need '' or *").isFalse();
        assertThat(p.isDestinationPermitted(null, "team-a-dev")).as("no cluster, no permission").isFalse();
    }

    @Test
    void aNegatedNamespaceRefusesEvenWhenAnotherDestinationAllows() {
        AppProject p = project("p", """
                  destinations:
                    - {server: '*', namespace: '*'}
                    - {server: '*', namespace: '!kube-*'}
                """);
        assertThat(p.isDestinationPermitted(Cluster.IN_CLUSTER, "team-a")).isTrue();
        assertThat(p.isDestinationPermitted(Cluster.IN_CLUSTER, "kube-system")).isFalse();
        assertThat(p.isDestinationPermitted(Cluster.IN_CLUSTER, "kube-public")).isFalse();
    }

    @Test
    void aNegatedServerRefusesThatClusterForMatchingNamespaces() {
        AppProject p = project("p", """
                  destinations:
                    - {server: '*', namespace: '*'}
                    - {server: '!https://prod.example.com:6443', namespace: '*'}
                """);
        assertThat(p.isDestinationPermitted(Cluster.IN_CLUSTER, "a")).isTrue();
        assertThat(p.isDestinationPermitted(new Cluster("https://prod.example.com:6443", "prod", ""), "a")).isFalse();
    }

    @Test
    void aNegatedNameRefusesThatCluster() {
        AppProject p = project("p", """
                  destinations:
                    - {name: '*', namespace: '*'}
                    - {name: '!prod', namespace: '*'}
                """);
        assertThat(p.isDestinationPermitted(Cluster.IN_CLUSTER, "a")).isTrue();
        assertThat(p.isDestinationPermitted(new Cluster("https://prod.example.com:6443", "prod", ""), "a")).isFalse();
    }

    @Test
    void permitOnlyProjectScopedClustersNeedsAClusterOfThisProject() {
        AppProject p = project("team-a", "  destinations: [{server: '*', namespace: '*'}]\n  permitOnlyProjectScopedClusters: true\n");
        assertThat(p.isDestinationPermitted(new Cluster("https://prod.example.com:6443", "prod", "team-a"), "a")).isTrue();
        assertThat(p.isDestinationPermitted(Cluster.IN_CLUSTER, "a")).isFalse();
    }

    @Test
    void unknownOrAmbiguousClustersAreApplicationErrorsInArgoCdWords() {
        assertThat(appMessages(TEAM_A, new ApplicationRef("x", "argocd", "team-a", List.of(REPO), new Destination("", "mars", "team-a"))))
                .containsExactly("there are no clusters with this name: mars");
        assertThat(appMessages(TEAM_A, new ApplicationRef("x", "argocd", "team-a", List.of(REPO), new Destination("", "edge", "team-a"))))
                .containsExactly("there are 2 clusters with the same name: [https://edge-1.example.com https://edge-2.example.com]");
        assertThat(appMessages(TEAM_A, app("team-a", REPO, "https://10.0.0.1", "team-a")))
                .containsExactly("error getting cluster by server \"https://10.0.0.1\": cluster \"https://10.0.0.1\" not found");
        assertThat(policy(TEAM_A).checkApplication(app("team-a", REPO, "https://10.0.0.1", "team-a")))
                .extracting(ProjectViolation::rule).containsExactly(Rule.DESTINATION_CLUSTER);
    }

    // --- resources

    @Test
    void aClusterRoleBindingInAProjectWithoutClusterWhitelistIsRefused() {
        AppProject noWhitelist = project("team-b", "  sourceRepos: ['*']\n  destinations: [{server: '*', namespace: team-b}]\n");
        ObjectNode crb = resource("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "own-the-cluster");
        ProjectCheck check = policy(noWhitelist).check(app("team-b", REPO, IN_CLUSTER, "team-b"), List.of(crb));
        assertThat(check.permitted()).isFalse();
        assertThat(check.applicationViolations()).isEmpty();
        assertThat(check.resourceViolations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.CLUSTER_RESOURCES);
            assertThat(v.resource()).contains(new ResourceKey("rbac.authorization.k8s.io", "ClusterRoleBinding", "", "own-the-cluster"));
            assertThat(v.message()).isEqualTo("resource rbac.authorization.k8s.io:ClusterRoleBinding is not permitted in project team-b");
            assertThat(v.describe()).startsWith("ClusterRoleBinding.rbac.authorization.k8s.io/own-the-cluster: resource ");
        });
    }

    @Test
    void theTeamProjectAllowsNamespacesButNoOtherClusterScopedKind() {
        ProjectCheck check = policy(TEAM_A).check(app("team-a", REPO, IN_CLUSTER, "team-a"), List.of(
                resource("v1", "Namespace", null, "team-a"),
                resource("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "admin"),
                resource("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "x.acme.io")));
        assertThat(check.resourceViolations()).extracting(v -> v.resource().orElseThrow().kind())
                .containsExactly("ClusterRoleBinding", "CustomResourceDefinition");
    }

    @Test
    void anObjectInAnotherNamespaceIsRefusedEvenThoughTheAppDestinationIsAllowed() {
        ProjectCheck check = policy(TEAM_A).check(app("team-a", REPO, IN_CLUSTER, "team-a"), List.of(
                resource("apps/v1", "Deployment", "team-a", "web"),
                resource("apps/v1", "DaemonSet", "kube-system", "miner")));
        assertThat(check.applicationViolations()).isEmpty();
        assertThat(check.resourceViolations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.RESOURCE_NAMESPACE);
            assertThat(v.message()).isEqualTo("namespace kube-system is not permitted in project 'team-a'");
            assertThat(v.resource()).contains(new ResourceKey("apps", "DaemonSet", "kube-system", "miner"));
        });
        assertThat(check.violationOf(new ResourceKey("apps", "DaemonSet", "kube-system", "miner"))).isPresent();
        assertThat(check.violationOf(new ResourceKey("apps", "Deployment", "team-a", "web"))).isEmpty();
        assertThat(check.permitted()).as("one bad object stops the whole app").isFalse();
    }

    @Test
    void aNamespacelessObjectIsCheckedInTheDestinationNamespace() {
        AppProject p = project("p", """
                  sourceRepos: ['*']
                  destinations: [{server: '*', namespace: 'team-*'}]
                  namespaceResourceBlacklist: [{group: '', kind: Secret}]
                """);
        ApplicationRef app = app("p", REPO, IN_CLUSTER, "team-a");
        List<ProjectViolation> v = policy(p).checkResources(app, List.of(resource("v1", "Secret", null, "creds"),
                resource("v1", "ConfigMap", null, "settings")));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(Rule.NAMESPACE_RESOURCES);
            assertThat(x.message()).isEqualTo("resource :Secret is not permitted in project p");
            assertThat(x.resource()).contains(new ResourceKey("", "Secret", "team-a", "creds"));
        });
    }

    @Test
    void aClusterScopedObjectIgnoresAnyNamespaceItClaims() {
        ProjectCheck check = policy(TEAM_A).check(app("team-a", REPO, IN_CLUSTER, "team-a"),
                List.of(resource("v1", "Namespace", "kube-system", "team-a")));
        assertThat(check.permitted()).isTrue();
    }

    @Test
    void aNamespaceWhitelistAllowsOnlyWhatItNames() {
        AppProject p = project("p", """
                  destinations: [{server: '*', namespace: '*'}]
                  namespaceResourceWhitelist:
                    - {group: apps, kind: Deployment}
                    - {group: '', kind: 'Config*'}
                """);
        ApplicationRef app = app("p", REPO, IN_CLUSTER, "a");
        List<ProjectViolation> v = policy(p).checkResources(app, List.of(resource("apps/v1", "Deployment", "a", "w"),
                resource("v1", "ConfigMap", "a", "c"), resource("apps/v1", "StatefulSet", "a", "s"),
                resource("v1", "Secret", "a", "s")));
        assertThat(v).extracting(ProjectViolation::message).containsExactly(
                "resource apps:StatefulSet is not permitted in project p", "resource :Secret is not permitted in project p");
    }

    @Test
    void anExplicitlyEmptyNamespaceWhitelistAllowsNoNamespacedKind() {
        AppProject p = project("p", "  destinations: [{server: '*', namespace: '*'}]\n  namespaceResourceWhitelist: []\n");
        assertThat(policy(p).checkResources(app("p", REPO, IN_CLUSTER, "a"), List.of(resource("v1", "ConfigMap", "a", "c"))))
                .hasSize(1);
    }

    @Test
    void theBlacklistWinsOverTheWhitelist() {
        AppProject p = project("p", """
                  destinations: [{server: '*', namespace: '*'}]
                  clusterResourceWhitelist: [{group: '*', kind: '*'}]
                  clusterResourceBlacklist: [{group: rbac.authorization.k8s.io, kind: 'ClusterRole*'}]
                  namespaceResourceWhitelist: [{group: '*', kind: '*'}]
                  namespaceResourceBlacklist: [{group: '', kind: ResourceQuota}]
                """);
        ApplicationRef app = app("p", REPO, IN_CLUSTER, "a");
        assertThat(policy(p).checkResources(app, List.of(resource("v1", "Namespace", null, "a"),
                resource("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "x"),
                resource("rbac.authorization.k8s.io/v1", "ClusterRole", null, "y"),
                resource("v1", "ResourceQuota", "a", "q"), resource("v1", "LimitRange", "a", "l"))))
                .extracting(v -> v.resource().orElseThrow().kind())
                .containsExactly("ClusterRoleBinding", "ClusterRole", "ResourceQuota");
    }

    @Test
    void clusterRulesMayBeLimitedToNames() {
        AppProject p = project("p", """
                  destinations: [{server: '*', namespace: '*'}]
                  clusterResourceWhitelist: [{group: '', kind: Namespace, name: 'team-a-*'}]
                """);
        ApplicationRef app = app("p", REPO, IN_CLUSTER, "team-a-dev");
        assertThat(policy(p).checkResources(app, List.of(resource("v1", "Namespace", null, "team-a-dev"),
                resource("v1", "Namespace", null, "kube-system"))))
                .extracting(v -> v.resource().orElseThrow().name()).containsExactly("kube-system");
    }

    @Test
    void objectsOfKindsTheClusterDoesNotServeAreRefusedInsteadOfGuessed() {
        AppProject p = project("p", "  destinations: [{server: '*', namespace: '*'}]\n");
        ApplicationRef app = app("p", REPO, IN_CLUSTER, "a");
        ObjectNode tenant = resource("tenancy.acme.io/v1", "Tenant", null, "t");
        assertThat(policy(p).checkResources(app, List.of(tenant))).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.UNKNOWN_KIND);
            assertThat(v.message()).isEqualTo("failed to get API resource info for tenancy.acme.io/Tenant: unable to verify permissions");
        });
        assertThat(policy(p).isResourcePermitted(app, new ResourceKey("tenancy.acme.io", "Tenant", "", "t"))).isFalse();
    }

    @Test
    void aCrdInTheSameSyncTellsTheScopeOfItsResources() {
        AppProject p = project("p", """
                  destinations: [{server: '*', namespace: '*'}]
                  clusterResourceWhitelist: [{group: apiextensions.k8s.io, kind: CustomResourceDefinition}]
                """);
        ObjectNode crd = Projects.yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: tenants.tenancy.acme.io}
                spec: {group: tenancy.acme.io, scope: Cluster, names: {kind: Tenant, plural: tenants}}
                """);
        ObjectNode crd2 = Projects.yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.shop.acme.io}
                spec: {group: shop.acme.io, scope: Namespaced, names: {kind: Widget, plural: widgets}}
                """);
        List<ProjectViolation> v = policy(p).checkResources(app("p", REPO, IN_CLUSTER, "a"), List.of(crd, crd2,
                resource("tenancy.acme.io/v1", "Tenant", "a", "t"), resource("shop.acme.io/v1", "Widget", null, "w")));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).as("a cluster-scoped CR needs the cluster whitelist, whatever namespace it claims")
                    .isEqualTo(Rule.CLUSTER_RESOURCES);
            assertThat(x.message()).isEqualTo("resource tenancy.acme.io:Tenant is not permitted in project p");
        });
    }

    @Test
    void scopesMayComeFromAMapOfDiscoveredKinds() {
        ResourceScopes discovered = ResourceScopes.of(Map.of(new GroupKind("", "ConfigMap"), ResourceScopes.Scope.NAMESPACED));
        AppProject p = project("p", "  destinations: [{server: '*', namespace: '*'}]\n");
        ProjectPolicy policy = new ProjectPolicy(p, CLUSTERS, discovered, "argocd");
        assertThat(policy.checkResources(app("p", REPO, IN_CLUSTER, "a"), List.of(resource("v1", "ConfigMap", "a", "c"),
                resource("v1", "Secret", "a", "s")))).extracting(ProjectViolation::rule).containsExactly(Rule.UNKNOWN_KIND);
    }

    @Test
    void anObjectWithoutKindIsRefused() {
        ObjectNode bare = Projects.yaml("metadata: {name: x}");
        assertThat(policy(TEAM_A).checkResources(app("team-a", REPO, IN_CLUSTER, "team-a"), List.of(bare)))
                .extracting(ProjectViolation::rule).containsExactly(Rule.UNKNOWN_KIND);
    }

    @Test
    void aChildApplicationForTheDefaultProjectCannotBeWrittenIntoTheControlPlaneNamespace() {
        ObjectNode child = Projects.yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: escape, namespace: argocd}
                spec: {project: default, destination: {server: 'https://kubernetes.default.svc', namespace: kube-system}}
                """);
        assertThat(policy(TEAM_A).checkResources(app("team-a", REPO, IN_CLUSTER, "team-a"), List.of(child)))
                .extracting(ProjectViolation::message).containsExactly("namespace argocd is not permitted in project 'team-a'");
        // written into team-a instead, it is allowed as an object, but as an application in team-a it may not use default
        AppProject defaultProject = project("default", "  sourceRepos: ['*']\n  destinations: [{server: '*', namespace: '*'}]\n");
        ApplicationRef asApp = new ApplicationRef("escape", "team-a", "default", List.of(REPO), new Destination(IN_CLUSTER, "", "kube-system"));
        assertThat(policy(defaultProject).checkApplication(asApp)).extracting(ProjectViolation::rule)
                .containsExactly(Rule.SOURCE_NAMESPACES);
    }

    @Test
    void withAnUnknownClusterEveryNamespacedObjectIsRefused() {
        ProjectCheck check = policy(TEAM_A).check(app("team-a", REPO, "https://10.0.0.1", "team-a"),
                List.of(resource("v1", "ConfigMap", "team-a", "c")));
        assertThat(check.applicationViolations()).extracting(ProjectViolation::rule).containsExactly(Rule.DESTINATION_CLUSTER);
        assertThat(check.resourceViolations()).extracting(ProjectViolation::rule).containsExactly(Rule.RESOURCE_NAMESPACE);
    }

    // --- sourceNamespaces and missing projects

    @Test
    void applicationsOutsideTheControlPlaneNamespaceNeedSourceNamespaces() {
        AppProject p = project("team-a", """
                  sourceRepos: ['*']
                  destinations: [{server: '*', namespace: '*'}]
                  sourceNamespaces: ['team-a-*', '/^ci-[0-9]+$/']
                """);
        assertThat(appIn(p, "argocd")).isEmpty();
        assertThat(appIn(p, "team-a-apps")).isEmpty();
        assertThat(appIn(p, "ci-42")).isEmpty();
        assertThat(appIn(p, "ci-x")).hasSize(1);
        assertThat(appIn(TEAM_A, "team-a")).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.SOURCE_NAMESPACES);
            assertThat(v.message()).isEqualTo("application 'guestbook' in namespace 'team-a' is not permitted to use project 'team-a'");
        });
    }

    @Test
    void anApplicationThatMayNotUseTheProjectGetsNoFurtherChecks() {
        ApplicationRef app = new ApplicationRef("x", "elsewhere", "team-a", List.of("https://github.com/evil/x"),
                new Destination(IN_CLUSTER, "", "kube-system"));
        ProjectCheck check = policy(TEAM_A).check(app, List.of(resource("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "x")));
        assertThat(check.violations()).extracting(ProjectViolation::rule).containsExactly(Rule.SOURCE_NAMESPACES);
        assertThat(check.applicationMessage()).contains("is not permitted to use project 'team-a'");
    }

    @Test
    void aMissingProjectBlocksTheApplication() {
        ProjectCheck check = ProjectPolicy.projectMissing(app("nope", REPO, IN_CLUSTER, "a"));
        assertThat(check.permitted()).isFalse();
        assertThat(check.applicationMessage()).isEqualTo("Application referencing project nope which does not exist");
    }

    @Test
    void checkingAnApplicationAgainstAnotherProjectIsABug() {
        assertThatThrownBy(() -> policy(TEAM_A).checkApplication(app("default", REPO, IN_CLUSTER, "team-a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is in project 'default', not 'team-a'");
    }

    @Test
    void liveObjectsAreJudgedLikeDesiredOnes() {
        ProjectPolicy policy = policy(TEAM_A);
        ApplicationRef app = app("team-a", REPO, IN_CLUSTER, "team-a");
        assertThat(policy.isResourcePermitted(app, new ResourceKey("apps", "Deployment", "team-a", "w"))).isTrue();
        assertThat(policy.isResourcePermitted(app, new ResourceKey("apps", "Deployment", "kube-system", "w"))).isFalse();
        assertThat(policy.isResourcePermitted(app, new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "x"))).isFalse();
    }

    private static List<ProjectViolation> appIn(AppProject p, String namespace) {
        ApplicationRef app = new ApplicationRef("guestbook", namespace, p.name(), List.of(REPO), new Destination(IN_CLUSTER, "", "team-a"));
        return policy(p).checkApplication(app).stream().filter(v -> v.rule() == Rule.SOURCE_NAMESPACES).toList();
    }
}
