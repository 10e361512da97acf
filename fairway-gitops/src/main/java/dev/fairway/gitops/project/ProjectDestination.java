package dev.fairway.gitops.project;

/**
 * One entry of {@code spec.destinations}: a cluster by API server URL or by name, and a
 * namespace. Each is a glob ({@code *}, {@code team-*}) and may be negated with a leading
 * {@code !} ({@code !kube-system}), which makes the whole project refuse what it matches.
 * An empty field matches only an empty value.
 */
public record ProjectDestination(String server, String name, String namespace) {

    static ProjectDestination parse(ProjectFields f) {
        return new ProjectDestination(glob(f, "server"), glob(f, "name"), glob(f, "namespace"));
    }

    private static String glob(ProjectFields f, String field) {
        String value = f.string(field, "");
        if (value.equals("!*")) {
            throw f.error(field, "'!*' is not allowed: it would deny every " + field + "; remove the destination instead");
        }
        String problem = ArgoGlob.problem(Negatable.body(value), "");
        if (problem != null) {
            throw f.error(field, problem);
        }
        return value;
    }
}
