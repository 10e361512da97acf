package dev.fairway.gitops.app;

/**
 * {@code spec.destination}: the cluster (by API server URL or by name) and the namespace given
 * to namespaced objects that name none.
 */
public record Destination(String server, String name, String namespace) {

    /** The API server URL Argo CD uses for the cluster it runs in. */
    public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
    /** The name Argo CD gives the cluster it runs in. */
    public static final String IN_CLUSTER_NAME = "in-cluster";

    static Destination parse(SpecFields f) {
        if (!f.present()) {
            throw new InvalidSpecError(f.path(), "required; give server (or name) and namespace");
        }
        String server = f.string("server", "");
        String name = f.string("name", "");
        if (server.isEmpty() && name.isEmpty()) {
            throw new InvalidSpecError(f.path(), "give either server (e.g. " + IN_CLUSTER_SERVER + ") or name (e.g. "
                    + IN_CLUSTER_NAME + ")");
        }
        if (!server.isEmpty() && !name.isEmpty()) {
            throw new InvalidSpecError(f.path(), "give either server or name, not both");
        }
        return new Destination(server, name, f.string("namespace", ""));
    }

    /** True when the destination is the cluster the engine runs against. */
    public boolean isInCluster() {
        return IN_CLUSTER_SERVER.equals(server) || IN_CLUSTER_NAME.equals(name);
    }
}
