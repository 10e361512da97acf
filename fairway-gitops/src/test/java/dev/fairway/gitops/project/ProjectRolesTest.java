package dev.fairway.gitops.project;

import static dev.fairway.gitops.project.Projects.project;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectRolesTest {

    private static final AppProject TEAM_A = project("team-a", """
              roles:
                - name: ci
                  policies:
                    - p, proj:team-a:ci, applications, get, team-a/*, allow
                    - p, proj:team-a:ci, applications, sync, team-a/web-*, allow
                    - p, proj:team-a:ci, applications, sync, team-a/web-prod, deny
                  jwtTokens:
                    - {iat: 1700000000, id: live}
                    - {iat: 1700000100, id: expiring, exp: 1800000000}
                - name: admin
                  policies:
                    - p, proj:team-a:admin, applications, *, team-a/*, allow
                  groups: [acme:admins, '"acme:ops, eu"']
                - name: readonly
                  policies:
                    - p, proj:team-a:readonly, applications, get, team-a/*, allow
                    - p, proj:team-a:readonly, applications, *, team-a/secret-*, deny
                  groups: [acme:admins]
            """);

    private final ProjectRoles roles = new ProjectRoles(TEAM_A);

    @Test
    void aTokenMayDoWhatItsRolePoliciesAllow() {
        assertThat(roles.tokenMay("ci", "applications", "get", "team-a/billing").allowed()).isTrue();
        assertThat(roles.tokenMay("ci", "applications", "sync", "team-a/web-eu").allowed()).isTrue();
        assertThat(roles.tokenMay("ci", "applications", "sync", "team-a/billing").allowed()).isFalse();
        assertThat(roles.tokenMay("ci", "applications", "delete", "team-a/web-eu").allowed()).isFalse();
        assertThat(roles.tokenMay("ci", "logs", "get", "team-a/web-eu").allowed()).isFalse();
    }

    @Test
    void denyWins() {
        RoleDecision d = roles.tokenMay("ci", "applications", "sync", "team-a/web-prod");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo("permission denied by policy 'p, proj:team-a:ci, applications, sync, team-a/web-prod, deny'");
    }

    @Test
    void aStarActionCoversEveryActionAndObjectsMayNameANamespace() {
        assertThat(roles.tokenMay("admin", "applications", "delete", "team-a/web").allowed()).isTrue();
        assertThat(roles.tokenMay("admin", "applications", "action/apps/Deployment/restart", "team-a/web").allowed()).isTrue();
        assertThat(roles.tokenMay("admin", "applications", "sync", "team-a/team-a-apps/web").allowed())
                .as("team-a/* crosses slashes").isTrue();
    }

    @Test
    void everyRoleMayGetItsProject() {
        assertThat(roles.tokenMay("readonly", "projects", "get", "team-a").allowed()).isTrue();
        assertThat(roles.tokenMay("readonly", "projects", "update", "team-a").allowed()).isFalse();
    }

    @Test
    void aTokenNeverActsInAnotherProject() {
        RoleDecision d = roles.tokenMay("admin", "applications", "sync", "team-b/web");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("another project");
        assertThat(roles.tokenMay("admin", "projects", "get", "team-b").allowed()).isFalse();
    }

    @Test
    void anUnknownRoleMayDoNothing() {
        RoleDecision d = roles.tokenMay("ghost", "applications", "get", "team-a/web");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo("role 'ghost' does not exist in project 'team-a'");
    }

    @Test
    void groupsActThroughTheRolesTheyAreBoundTo() {
        assertThat(roles.groupsMay(List.of("acme:devs", "acme:ops, eu"), "applications", "sync", "team-a/web").allowed()).isTrue();
        assertThat(roles.groupsMay(List.of("acme:devs"), "applications", "get", "team-a/web").allowed()).isFalse();
        // acme:admins is in admin (allow *) and readonly (deny secret-*): the deny wins for that group
        assertThat(roles.groupsMay(List.of("acme:admins"), "applications", "sync", "team-a/web").allowed()).isTrue();
        assertThat(roles.groupsMay(List.of("acme:admins"), "applications", "get", "team-a/secret-store").allowed()).isFalse();
        assertThat(roles.groupsMay(List.of("acme:admins"), "applications", "get", "team-b/web").allowed()).isFalse();
    }

    @Test
    void onlyListedUnexpiredTokensAreLive() {
        Instant now = Instant.ofEpochSecond(1750000000);
        assertThat(roles.liveToken("ci", "live", -1, now)).isPresent();
        assertThat(roles.liveToken("ci", "", 1700000000, now)).as("old tokens are found by issue time").isPresent();
        assertThat(roles.liveToken("ci", "revoked", -1, now)).isEmpty();
        assertThat(roles.liveToken("ci", "expiring", -1, now)).isPresent();
        assertThat(roles.liveToken("ci", "expiring", -1, Instant.ofEpochSecond(1800000000))).isEmpty();
        assertThat(roles.liveToken("admin", "live", -1, now)).as("tokens belong to their role").isEmpty();
    }

    @Test
    void applicationObjectsNameTheNamespaceOnlyOutsideTheControlPlane() {
        assertThat(ProjectRoles.applicationObject("team-a", "argocd", "web", "argocd")).isEqualTo("team-a/web");
        assertThat(ProjectRoles.applicationObject("team-a", "", "web", "argocd")).isEqualTo("team-a/web");
        assertThat(ProjectRoles.applicationObject("team-a", "team-a-apps", "web", "argocd")).isEqualTo("team-a/team-a-apps/web");
    }
}
