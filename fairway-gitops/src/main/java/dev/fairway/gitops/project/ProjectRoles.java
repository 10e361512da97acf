package dev.fairway.gitops.project;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Authorises requests made with a project role: a project-scoped token (subject
 * {@code proj:P:R}) or a user in a group bound to roles. Each role's Casbin policies are read as
 * Argo CD reads them: resource, action and object are globs; a request is allowed when some
 * policy allows it and none denies it (deny wins); every role may also {@code get} its project.
 * A token only ever acts inside its own project.
 */
public final class ProjectRoles {

    private final AppProject project;

    public ProjectRoles(AppProject project) {
        this.project = Objects.requireNonNull(project, "project");
    }

    /**
     * The RBAC object naming an application: {@code P/app}, or {@code P/ns/app} for an application
     * outside the control-plane namespace.
     */
    public static String applicationObject(String project, String appNamespace, String appName,
            String controlPlaneNamespace) {
        return appNamespace == null || appNamespace.isEmpty() || appNamespace.equals(controlPlaneNamespace)
                ? project + "/" + appName : project + "/" + appNamespace + "/" + appName;
    }

    /**
     * What a token of {@code role} may do.
     *
     * @param resource e.g. {@code applications}, {@code logs}, or {@code projects}
     * @param action e.g. {@code get}, {@code sync}, {@code action/apps/Deployment/restart}
     * @param object {@code P/app} (see {@link #applicationObject}), or {@code P} for {@code projects}
     */
    public RoleDecision tokenMay(String role, String resource, String action, String object) {
        if (project.role(role).isEmpty()) {
            return RoleDecision.deny("role '" + role + "' does not exist in project '" + project.name() + "'");
        }
        if (!project.name().equals(projectOf(resource, object))) {
            return RoleDecision.deny("a token of project '" + project.name() + "' cannot act on " + resource + " "
                    + object + " of another project");
        }
        return enforce(List.of(role), resource, action, object);
    }

    /** What a user in these groups may do through the project's roles (the first group that may, decides). */
    public RoleDecision groupsMay(Collection<String> groups, String resource, String action, String object) {
        RoleDecision last = RoleDecision.deny("no role of project '" + project.name() + "' is bound to the groups "
                + groups);
        if (!project.name().equals(projectOf(resource, object))) {
            return last;
        }
        for (String group : groups) {
            List<String> roles = project.roles().stream().filter(r -> r.groups().stream()
                    .anyMatch(g -> unquote(g).equals(group))).map(ProjectRole::name).toList();
            if (roles.isEmpty()) {
                continue;
            }
            RoleDecision decision = enforce(roles, resource, action, object);
            if (decision.allowed()) {
                return decision;
            }
            last = decision;
        }
        return last;
    }

    /**
     * The token with this id (or, for old tokens without one, this issue time) if the role still
     * lists it and it has not expired; a missing token has been revoked.
     */
    public Optional<JwtToken> liveToken(String role, String id, long issuedAt, Instant now) {
        return project.role(role).flatMap(r -> r.jwtTokens().stream()
                .filter(t -> (!id.isEmpty() && t.id().equals(id)) || (issuedAt >= 0 && t.issuedAt() == issuedAt))
                .findFirst())
                .filter(t -> !t.isExpired(now));
    }

    /**
     * Casbin's evaluation over the policies of the given roles (each role's policies name the
     * role itself, which parsing checks): allowed when one matches with allow and none with deny.
     */
    private RoleDecision enforce(List<String> roleNames, String resource, String action, String object) {
        List<RolePolicy> policies = new ArrayList<>();
        for (ProjectRole role : project.roles()) {
            if (roleNames.contains(role.name())) {
                policies.add(new RolePolicy(ProjectRole.subject(project.name(), role.name()), "projects", "get",
                        project.name(), RolePolicy.Effect.ALLOW));
                policies.addAll(role.policies());
            }
        }
        RolePolicy allow = null;
        for (RolePolicy p : policies) {
            if (!p.matches(resource, action, object)) {
                continue;
            }
            if (p.effect() == RolePolicy.Effect.DENY) {
                return RoleDecision.deny("permission denied by policy '" + p + "'");
            }
            if (allow == null) {
                allow = p;
            }
        }
        return allow != null ? RoleDecision.allow("allowed by policy '" + allow + "'")
                : RoleDecision.deny("permission denied: " + resource + ", " + action + ", " + object);
    }

    /** The project a request is about: the first part of the object, or the object itself for projects. */
    private static String projectOf(String resource, String object) {
        if (resource.equals("projects")) {
            return object;
        }
        int slash = object.indexOf('/');
        return slash < 0 ? "" : object.substring(0, slash);
    }

    private static String unquote(String group) {
        String g = group.strip();
        return g.length() > 1 && g.startsWith("\"") && g.endsWith("\"") ? g.substring(1, g.length() - 1) : g;
    }
}
