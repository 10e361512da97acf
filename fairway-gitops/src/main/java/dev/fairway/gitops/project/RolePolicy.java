package dev.fairway.gitops.project;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Casbin policy line of a project role, {@code p, proj:P:R, applications, sync, P/*, allow}.
 * Resource, action and object are globs that cross {@code /} (so {@code P/*} covers apps in
 * other namespaces, {@code P/ns/app}).
 */
public record RolePolicy(String subject, String resource, String action, String object, Effect effect) {

    public enum Effect { ALLOW, DENY }

    /** The resources a project role may grant, as Argo CD's project-scoped resources. */
    public static final Set<String> PROJECT_RESOURCES =
            Set.of("applications", "applicationsets", "repositories", "exec", "logs", "clusters");

    private static final Set<String> ACTIONS =
            Set.of("get", "create", "update", "delete", "sync", "override", "rollback", "*");
    private static final List<String> ACTION_PREFIXES = List.of("action/", "update/", "delete/");

    /**
     * Reads and checks a policy line for role {@code role} of project {@code project}, with
     * Argo CD's checks: six fields, subject {@code proj:P:R}, a project-scoped resource, a known
     * action, an object inside the project, and allow or deny.
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static RolePolicy parse(String project, String role, String line) {
        String[] parts = line.split(",", -1);
        if (parts.length != 6 || !parts[0].strip().equals("p")) {
            throw new IllegalArgumentException("invalid policy rule '" + line
                    + "': must be of the form: 'p, sub, res, act, obj, eft'");
        }
        String subject = parts[1].strip();
        String expected = "proj:" + project + ":" + role;
        if (!subject.equals(expected)) {
            throw new IllegalArgumentException("invalid policy rule '" + line + "': policy subject must be: '"
                    + expected + "', not '" + subject + "'");
        }
        String resource = parts[2].strip();
        if (!PROJECT_RESOURCES.contains(resource)) {
            throw new IllegalArgumentException("invalid policy rule '" + line + "': project resource must be: "
                    + "'applications', 'applicationsets', 'repositories', 'exec', 'logs' or 'clusters', not '"
                    + resource + "'");
        }
        String action = parts[3].strip();
        if (!ACTIONS.contains(action) && ACTION_PREFIXES.stream().noneMatch(action::startsWith)) {
            throw new IllegalArgumentException("invalid policy rule '" + line + "': invalid action '" + action + "'");
        }
        String object = parts[4].strip();
        Pattern objectForm = Pattern.compile("^" + Pattern.quote(project) + "(/[*\\w\\-.]+)?/[*\\w\\-.]+$");
        if (!objectForm.matcher(object).matches()) {
            throw new IllegalArgumentException("invalid policy rule '" + line + "': object must be of form '"
                    + project + "/*', '" + project + "[/<NAMESPACE>]/<APPNAME>' or '" + project
                    + "/<APPNAME>', not '" + object + "'");
        }
        Effect effect = switch (parts[5].strip()) {
            case "allow" -> Effect.ALLOW;
            case "deny" -> Effect.DENY;
            default -> throw new IllegalArgumentException("invalid policy rule '" + line
                    + "': effect must be: 'allow' or 'deny'");
        };
        return new RolePolicy(subject, resource, action, object, effect);
    }

    /**
     * Casbin's matcher in Argo CD's glob mode, for a request by this policy's subject: resource,
     * action and object as globs.
     */
    public boolean matches(String requestResource, String requestAction, String requestObject) {
        return ArgoGlob.matches(resource, requestResource, "")
                && ArgoGlob.matches(action, requestAction, "")
                && ArgoGlob.matches(object, requestObject, "");
    }

    @Override
    public String toString() {
        return "p, " + subject + ", " + resource + ", " + action + ", " + object + ", "
                + effect.name().toLowerCase(java.util.Locale.ROOT);
    }
}
