package dev.fairway.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.project.ProjectRoles;
import dev.fairway.gitops.project.RoleDecision;
import dev.fairway.server.ApiError;

/**
 * What a caller may do to an application, in Argo CD's RBAC terms: resource {@code applications},
 * an action ({@code get}, {@code sync}, {@code update}, {@code delete}) and the object
 * {@code PROJECT/APP} ({@code PROJECT/NAMESPACE/APP} outside the control-plane namespace).
 */
public final class ApplicationPermissions {

    public static final String GET = "get";
    public static final String SYNC = "sync";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";

    private final String controlPlaneNamespace;

    public ApplicationPermissions(String controlPlaneNamespace) {
        this.controlPlaneNamespace = controlPlaneNamespace;
    }

    public boolean may(Caller caller, String action, ObjectNode app) {
        return caller.may(action, object(app)).allowed();
    }

    /** @throws ApiError 403 naming the role, the action, the app and the deciding policy */
    public void check(Caller caller, String action, ObjectNode app) throws ApiError {
        String object = object(app);
        RoleDecision decision = caller.may(action, object);
        if (!decision.allowed()) {
            throw denied(caller, action, object, decision);
        }
    }

    /**
     * For an app that does not exist: a caller who could not act on it anyway learns nothing
     * (403), the others get the 404 that follows, as Argo CD answers.
     */
    public void checkMissing(Caller caller, String action, String appNamespace, String name) throws ApiError {
        if (caller instanceof Caller.ProjectToken token) {
            String object = ProjectRoles.applicationObject(token.project(), appNamespace, name, controlPlaneNamespace);
            RoleDecision decision = caller.may(action, object);
            if (!decision.allowed()) {
                throw denied(caller, action, object, decision);
            }
        }
    }

    private String object(ObjectNode app) {
        return ProjectRoles.applicationObject(app.path("spec").path("project").asText(""),
                app.path("metadata").path("namespace").asText(""), app.path("metadata").path("name").asText(""),
                controlPlaneNamespace);
    }

    private static ApiError denied(Caller caller, String action, String object, RoleDecision decision) {
        return new ApiError(403, "permission denied: " + caller.name() + " may not " + action + " application " + object
                + " (" + decision.reason() + ")");
    }
}
