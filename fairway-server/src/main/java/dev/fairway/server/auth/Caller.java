package dev.fairway.server.auth;

import dev.fairway.gitops.project.ProjectRoles;
import dev.fairway.gitops.project.RoleDecision;

/** Who makes an API request: the admin (API token or browser session) or a project role's token. */
public sealed interface Caller {

    /** The name recorded as {@code initiatedBy.username} of the operations this caller starts. */
    String name();

    /** What this caller may do to an application object ({@code applications}, action, {@code P/app}). */
    RoleDecision may(String action, String applicationObject);

    /** The admin: every request allowed. */
    record Admin() implements Caller {
        @Override
        public String name() {
            return "admin";
        }

        @Override
        public RoleDecision may(String action, String applicationObject) {
            return new RoleDecision(true, "the admin may do everything");
        }
    }

    /**
     * A project token, checked against the project as it was read for this request.
     *
     * @param roles the project's roles at the time of the request
     */
    record ProjectToken(String project, String role, String tokenId, ProjectRoles roles) implements Caller {
        @Override
        public String name() {
            return "proj:" + project + ":" + role;
        }

        @Override
        public RoleDecision may(String action, String applicationObject) {
            return roles.tokenMay(role, "applications", action, applicationObject);
        }
    }
}
