package dev.fairway.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.project.AppProject;
import dev.fairway.gitops.project.ProjectRoles;
import dev.fairway.kube.Json;
import dev.fairway.server.ApiError;
import org.junit.jupiter.api.Test;

class ApplicationPermissionsTest {

    static final String PROJECT = """
            {"apiVersion":"argoproj.io/v1alpha1","kind":"AppProject","metadata":{"name":"p","namespace":"argocd"},
             "spec":{"roles":[{"name":"ci","policies":[
               "p, proj:p:ci, applications, get, p/*, allow",
               "p, proj:p:ci, applications, sync, p/*, allow",
               "p, proj:p:ci, applications, sync, p/frozen, deny"]}]}}
            """;

    final ApplicationPermissions permissions = new ApplicationPermissions("argocd");
    final Caller ci = token("ci");

    static Caller token(String role) {
        try {
            return new Caller.ProjectToken("p", role, "t1", new ProjectRoles(AppProject.parse((ObjectNode) Json.parse(PROJECT))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode app(String namespace, String name, String project) {
        ObjectNode a = Json.object();
        a.putObject("metadata").put("namespace", namespace).put("name", name);
        a.putObject("spec").put("project", project);
        return a;
    }

    @Test
    void theRolesPoliciesDecideAndDenyWins() throws Exception {
        permissions.check(ci, "get", app("argocd", "web", "p"));
        permissions.check(ci, "sync", app("argocd", "web", "p"));
        permissions.check(ci, "get", app("argocd", "frozen", "p"));
        assertThatThrownBy(() -> permissions.check(ci, "sync", app("argocd", "frozen", "p")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("proj:p:ci may not sync application p/frozen")
                .hasMessageContaining("p, proj:p:ci, applications, sync, p/frozen, deny");
        assertThatThrownBy(() -> permissions.check(ci, "delete", app("argocd", "web", "p")))
                .hasMessageContaining("proj:p:ci may not delete application p/web");
    }

    @Test
    void aTokenNeverReachesAnotherProjectsApps() {
        assertThat(permissions.may(ci, "get", app("argocd", "web", "q"))).isFalse();
        assertThatThrownBy(() -> permissions.check(ci, "get", app("argocd", "web", "q")))
                .hasMessageContaining("may not get application q/web");
    }

    @Test
    void appsOutsideTheControlPlaneNamespaceAreNamedWithTheirNamespace() throws Exception {
        // p/* crosses '/', as Argo CD's glob matcher does, so it covers p/team-a/web too
        permissions.check(ci, "sync", app("team-a", "web", "p"));
        assertThatThrownBy(() -> permissions.check(ci, "delete", app("team-a", "web", "p")))
                .hasMessageContaining("application p/team-a/web");
    }

    @Test
    void aMissingAppIsA403OnlyForThoseWhoCouldNotActOnItAnyway() throws Exception {
        permissions.checkMissing(ci, "get", null, "not-there");
        assertThatThrownBy(() -> permissions.checkMissing(ci, "delete", null, "not-there"))
                .hasMessageContaining("may not delete application p/not-there");
        permissions.checkMissing(new Caller.Admin(), "delete", null, "not-there");
    }

    @Test
    void aRoleRemovedFromTheProjectMayDoNothing() {
        assertThat(permissions.may(token("gone"), "get", app("argocd", "web", "p"))).isFalse();
    }

    @Test
    void theAdminMayDoEverything() {
        assertThat(permissions.may(new Caller.Admin(), "delete", app("argocd", "frozen", "p"))).isTrue();
    }
}
