package dev.fairway.gitops.project;

/**
 * A cluster an application may deploy to, as Argo CD's cluster Secrets describe it: API server
 * URL, name, and the project it is scoped to ("" when it is shared).
 */
public record Cluster(String server, String name, String project) {

    /** The cluster the engine runs in, as Argo CD names it when no Secret says otherwise. */
    public static final Cluster IN_CLUSTER = new Cluster("https://kubernetes.default.svc", "in-cluster", "");

    public Cluster {
        project = project == null ? "" : project;
    }
}
