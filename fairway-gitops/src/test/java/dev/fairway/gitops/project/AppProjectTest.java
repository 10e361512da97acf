package dev.fairway.gitops.project;

import static dev.fairway.gitops.project.Projects.object;
import static dev.fairway.gitops.project.Projects.project;
import static dev.fairway.gitops.project.Projects.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AppProjectTest {

    private static final String TEAM_A = """
                sourceRepos:
                  - https://github.com/acme/team-a-*
                  - '!https://github.com/acme/team-a-secrets'
                destinations:
                  - server: https://kubernetes.default.svc
                    namespace: team-a
                  - name: prod
                    namespace: 'team-a-*'
                clusterResourceWhitelist:
                  - group: ''
                    kind: Namespace
                    name: team-a*
                clusterResourceBlacklist:
                  - group: '*'
                    kind: CustomResourceDefinition
                namespaceResourceWhitelist:
                  - group: apps
                    kind: '*'
                namespaceResourceBlacklist:
                  - group: ''
                    kind: ResourceQuota
                sourceNamespaces: [team-a-apps, '/^ci-[0-9]+$/']
                orphanedResources:
                  warn: true
                  ignore:
                    - kind: ConfigMap
                      name: 'istio-*'
                syncWindows:
                  - kind: deny
                    schedule: '0 22 * * *'
                    duration: 8h
                    timeZone: Europe/Berlin
                    applications: ['*']
                    manualSync: true
                roles:
                  - name: ci
                    description: the pipeline
                    policies:
                      - p, proj:team-a:ci, applications, sync, team-a/*, allow
                    groups: [acme:team-a]
                    jwtTokens:
                      - iat: 1700000000
                        id: tok-1
                permitOnlyProjectScopedClusters: true
            """;

    @Test
    void readsEveryField() {
        AppProject p = project("team-a", TEAM_A);
        assertThat(p.name()).isEqualTo("team-a");
        assertThat(p.namespace()).isEqualTo("argocd");
        assertThat(p.sourceRepos()).containsExactly("https://github.com/acme/team-a-*", "!https://github.com/acme/team-a-secrets");
        assertThat(p.destinations()).containsExactly(new ProjectDestination("https://kubernetes.default.svc", "", "team-a"),
                new ProjectDestination("", "prod", "team-a-*"));
        assertThat(p.clusterResourceWhitelist()).containsExactly(new ClusterResourceRule("", "Namespace", "team-a*"));
        assertThat(p.clusterResourceBlacklist()).containsExactly(new ClusterResourceRule("*", "CustomResourceDefinition", ""));
        assertThat(p.namespaceResourceWhitelist()).contains(List.of(new GroupKindRule("apps", "*")));
        assertThat(p.namespaceResourceBlacklist()).containsExactly(new GroupKindRule("", "ResourceQuota"));
        assertThat(p.sourceNamespaces()).containsExactly("team-a-apps", "/^ci-[0-9]+$/");
        assertThat(p.orphanedResources()).hasValueSatisfying(o -> {
            assertThat(o.warn()).isTrue();
            assertThat(o.ignore()).containsExactly(new OrphanedResourcesSettings.IgnoreRule("", "ConfigMap", "istio-*"));
        });
        SyncWindow w = p.syncWindows().windows().get(0);
        assertThat(w.kind()).isEqualTo(SyncWindow.Kind.DENY);
        assertThat(w.schedule()).hasToString("0 22 * * *");
        assertThat(w.length()).hasHours(8);
        assertThat(w.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(w.manualSync()).isTrue();
        ProjectRole role = p.roles().get(0);
        assertThat(role.name()).isEqualTo("ci");
        assertThat(role.policies()).containsExactly(new RolePolicy("proj:team-a:ci", "applications", "sync", "team-a/*",
                RolePolicy.Effect.ALLOW));
        assertThat(role.groups()).containsExactly("acme:team-a");
        assertThat(role.jwtTokens()).containsExactly(new JwtToken(1700000000, 0, "tok-1"));
        assertThat(p.permitOnlyProjectScopedClusters()).isTrue();
    }

    @Test
    void anEmptySpecHasNoPermissionsAndNoMonitoring() {
        AppProject p = AppProject.parse(yaml("{apiVersion: argoproj.io/v1alpha1, kind: AppProject, metadata: {name: empty}}"));
        assertThat(p.sourceRepos()).isEmpty();
        assertThat(p.destinations()).isEmpty();
        assertThat(p.namespaceResourceWhitelist()).isEmpty();
        assertThat(p.orphanedResources()).isEmpty();
        assertThat(p.syncWindows().isEmpty()).isTrue();
    }

    @Test
    void anExplicitlyEmptyNamespaceWhitelistIsKeptApartFromAnAbsentOne() {
        assertThat(project("p", "  namespaceResourceWhitelist: []\n").namespaceResourceWhitelist()).contains(List.of());
        assertThat(project("p", "  sourceRepos: ['*']\n").namespaceResourceWhitelist()).isEmpty();
    }

    @Test
    void orphanedResourcesWithoutWarnStillMonitors() {
        assertThat(project("p", "  orphanedResources: {}\n").orphanedResources())
                .contains(new OrphanedResourcesSettings(false, List.of()));
    }

    @Test
    void windowTimeZoneDefaultsToUtc() {
        AppProject p = project("p", "  syncWindows: [{kind: allow, schedule: '0 6 * * *', duration: 1h, namespaces: ['*']}]\n");
        assertThat(p.syncWindows().windows().get(0).timeZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void tokensFromStatusAreMergedByIdAndOldTokensGetTheirIssueTimeAsId() {
        AppProject p = AppProject.parse(yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: p}
                spec:
                  roles:
                    - name: ci
                      jwtTokens: [{iat: 100}, {iat: 200, id: b, exp: 300}]
                status:
                  jwtTokensByRole:
                    ci:
                      items: [{iat: 200, id: b, exp: 300}, {iat: 400, id: c}]
                """));
        assertThat(p.role("ci").orElseThrow().jwtTokens()).containsExactly(new JwtToken(100, 0, "100"),
                new JwtToken(200, 300, "b"), new JwtToken(400, 0, "c"));
        assertThat(p.role("nobody")).isEmpty();
    }

    @Test
    void wrongObjectOrMissingNameIsRefused() {
        assertThatThrownBy(() -> AppProject.parse(yaml("{apiVersion: argoproj.io/v1alpha1, kind: Application, metadata: {name: x}}")))
                .isInstanceOf(InvalidProjectError.class)
                .hasMessage("AppProject 'x': apiVersion/kind: expected argoproj.io/v1alpha1 AppProject, not argoproj.io/v1alpha1 Application");
        assertThatThrownBy(() -> AppProject.parse(yaml("{apiVersion: argoproj.io/v1alpha1, kind: AppProject, metadata: {}}")))
                .hasMessage("AppProject '(unnamed)': metadata.name: required");
    }

    @Test
    void everyMistakeNamesTheProjectAndTheField() {
        expect(() -> project("team-a", "  sourceRepos: https://github.com/acme/x\n"), "spec.sourceRepos",
                "must be a list of strings");
        expect(() -> project("team-a", "  sourceRepos: ['!*']\n"), "spec.sourceRepos[0]", "invalid format, '!*'");
        expect(() -> project("team-a", "  sourceRepos: ['https://github.com/acme/[x']\n"), "spec.sourceRepos[0]",
                "not closed");
        expect(() -> project("team-a", "  destinations: [{server: '!*', namespace: a}]\n"), "spec.destinations[0].server",
                "'!*' is not allowed");
        expect(() -> project("team-a", "  destinations: [{server: x, namespace: 3}]\n"), "spec.destinations[0].namespace",
                "must be a string, not 3");
        expect(() -> project("team-a", "  destinations: [{server: x, namespace: '!{a'}]\n"),
                "spec.destinations[0].namespace", "not closed");
        expect(() -> project("team-a", "  destinations: {server: x}\n"), "spec.destinations", "must be a list");
        expect(() -> project("team-a", "  clusterResourceWhitelist: [{group: ''}]\n"), "spec.clusterResourceWhitelist[0].kind",
                "required");
        expect(() -> project("team-a", "  namespaceResourceBlacklist: [{group: '', kind: '[x'}]\n"),
                "spec.namespaceResourceBlacklist[0].kind", "not closed");
        expect(() -> project("team-a", "  sourceNamespaces: ['/(/']\n"), "spec.sourceNamespaces[0]",
                "invalid regular expression");
        expect(() -> project("team-a", "  orphanedResources: {warn: yes-please}\n"), "spec.orphanedResources.warn",
                "must be true or false");
        expect(() -> project("team-a", "  orphanedResources: {ignore: [{kind: '{x'}]}\n"),
                "spec.orphanedResources.ignore[0].kind", "not closed");
        expect(() -> project("team-a", "  permitOnlyProjectScopedClusters: 'true'\n"),
                "spec.permitOnlyProjectScopedClusters", "must be true or false");
    }

    @Test
    void syncWindowMistakes() {
        String ok = "schedule: '0 22 * * *', duration: 1h, applications: ['*']";
        expect(() -> window("kind: block, " + ok), "spec.syncWindows[0].kind", "kind 'block' mismatch: can only be allow or deny");
        expect(() -> window("kind: deny, schedule: '0 22 * *', duration: 1h, applications: ['*']"),
                "spec.syncWindows[0].schedule", "cannot parse schedule '0 22 * *': expected exactly 5 fields");
        expect(() -> window("kind: deny, schedule: '0 22 * * *', duration: soon, applications: ['*']"),
                "spec.syncWindows[0].duration", "cannot parse duration 'soon'");
        expect(() -> window("kind: deny, " + ok + ", timeZone: Mars/Olympus"), "spec.syncWindows[0].timeZone",
                "unknown time zone 'Mars/Olympus'");
        expect(() -> window("kind: deny, schedule: '0 22 * * *', duration: 1h"), "spec.syncWindows[0]",
                "requires one of application, cluster or namespace");
        expect(() -> window("kind: deny, schedule: '0 22 * * *', duration: 1h, clusters: ['[x']"),
                "spec.syncWindows[0].clusters[0]", "not closed");
        expect(() -> window("kind: deny, " + ok + ", manualSync: 'yes'"), "spec.syncWindows[0].manualSync", "true or false");
    }

    @Test
    void roleMistakes() {
        expect(() -> role("{name: 'bad name'}"), "spec.roles[0].name", "invalid role name 'bad name'");
        expect(() -> role("{name: ci, policies: ['p, proj:team-a:ci, applications, sync']}"), "spec.roles[0].policies[0]",
                "must be of the form: 'p, sub, res, act, obj, eft'");
        expect(() -> role("{name: ci, policies: ['p, proj:other:ci, applications, sync, team-a/*, allow']}"),
                "spec.roles[0].policies[0]", "policy subject must be: 'proj:team-a:ci', not 'proj:other:ci'");
        expect(() -> role("{name: ci, policies: ['p, proj:team-a:ci, clusters-admin, get, team-a/*, allow']}"),
                "spec.roles[0].policies[0]", "project resource must be");
        expect(() -> role("{name: ci, policies: ['p, proj:team-a:ci, applications, launch, team-a/*, allow']}"),
                "spec.roles[0].policies[0]", "invalid action 'launch'");
        expect(() -> role("{name: ci, policies: ['p, proj:team-a:ci, applications, get, team-b/*, allow']}"),
                "spec.roles[0].policies[0]", "object must be of form 'team-a/*'");
        expect(() -> role("{name: ci, policies: ['p, proj:team-a:ci, applications, get, team-a/*, maybe']}"),
                "spec.roles[0].policies[0]", "effect must be: 'allow' or 'deny'");
        expect(() -> role("{name: ci, groups: ['a,b']}"), "spec.roles[0].groups[0]", "must be quoted");
        expect(() -> role("{name: ci, jwtTokens: [{id: x}]}"), "spec.roles[0].jwtTokens[0].iat", "required");
    }

    @Test
    void policyActionsMayBeCustomActionsAndObjectsMayNameANamespace() {
        AppProject p = role("{name: ci, policies: ['p, proj:team-a:ci, applications, action/apps/Deployment/restart, "
                + "team-a/ns-1/app.v2, allow', 'p, proj:team-a:ci, applications, *, team-a/*, deny']}");
        assertThat(p.roles().get(0).policies()).extracting(RolePolicy::action).containsExactly("action/apps/Deployment/restart", "*");
    }

    private static AppProject window(String fields) {
        return project("team-a", "  syncWindows: [{" + fields + "}]\n");
    }

    private static AppProject role(String role) {
        return project("team-a", "  roles: [" + role + "]\n");
    }

    private static void expect(ThrowingCallable parse, String field, String problem) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(InvalidProjectError.class, e -> {
            assertThat(e.project()).isEqualTo("team-a");
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith("AppProject 'team-a': " + field + ": ").contains(problem);
        });
    }

    @Test
    void projectObjectHelperProducesAParsableObject() {
        assertThat(object("x", "  sourceRepos: ['*']\n").path("metadata").path("name").asText()).isEqualTo("x");
    }
}
