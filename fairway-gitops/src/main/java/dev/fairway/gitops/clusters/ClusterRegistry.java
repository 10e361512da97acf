package dev.fairway.gitops.clusters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Destination;
import dev.fairway.gitops.project.Cluster;
import dev.fairway.gitops.project.ClusterLookup;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters the engine may deploy to: Argo CD's cluster Secrets in the engine's namespace,
 * kept current by an informer, plus {@code https://kubernetes.default.svc} (name
 * {@code in-cluster}), the cluster the engine runs in, unless a Secret registers that URL itself.
 *
 * <p>It keeps one client per registered cluster, built when first asked for, rebuilt when the
 * Secret changes and closed when the Secret goes. A Secret Fairway cannot read is left out (it is
 * listed by {@link #invalidSecrets()} with the reason) rather than stopping the others. When two
 * Secrets register the same server, the one whose name sorts first wins, and the other is listed
 * as invalid. Listeners hear of every added, changed and removed cluster, so that the controller
 * can requeue the applications that deploy there.
 */
public final class ClusterRegistry implements ClusterLookup, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRegistry.class);

    /**
     * How the registry connects.
     *
     * @param inClusterEnabled whether {@code https://kubernetes.default.svc} is a destination
     *     (Argo CD's {@code cluster.inClusterEnabled}, on by default)
     * @param connector builds clients for registered clusters
     */
    public record Settings(boolean inClusterEnabled, ClusterConnector connector) {

        public static Settings defaults(KubernetesClient engine) {
            return new Settings(true, new Fabric8Connector(engine.getConfiguration()));
        }
    }

    /** One cluster Secret as last seen: what it says, or why it could not be read. */
    private static final class Entry {
        final String secretName;
        final String resourceVersion;
        final ClusterSecret cluster;
        final String problem;
        KubernetesClient client;
        boolean ownsClient;

        Entry(String secretName, String resourceVersion, ClusterSecret cluster, String problem) {
            this.secretName = secretName;
            this.resourceVersion = resourceVersion;
            this.cluster = cluster;
            this.problem = problem;
        }
    }

    private final KubernetesClient engine;
    private final Settings settings;
    private final Map<String, Entry> entries = new TreeMap<>();
    private final List<Consumer<ClusterChange>> listeners = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<Secret> informer;
    private boolean closed;

    ClusterRegistry(KubernetesClient engine, Settings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /**
     * Starts watching the cluster Secrets of {@code namespace} through {@code engine}, the
     * engine's own client (also the in-cluster destination's). Returns once the first list is in.
     */
    public static ClusterRegistry start(KubernetesClient engine, String namespace) {
        return start(engine, namespace, Settings.defaults(engine));
    }

    public static ClusterRegistry start(KubernetesClient engine, String namespace, Settings settings) {
        ClusterRegistry registry = new ClusterRegistry(engine, settings);
        registry.informer = engine.secrets().inNamespace(namespace)
                .withLabel(ClusterSecret.SECRET_TYPE_LABEL, ClusterSecret.SECRET_TYPE).inform(registry.new SecretEvents());
        return registry;
    }

    /** The cluster an application's destination deploys to, by Argo CD's rules. */
    public RegisteredCluster destination(Destination destination) {
        return destination(destination.name(), destination.server());
    }

    /**
     * The cluster {@code name} or {@code server} (one of them given, the other null or "") refers to.
     *
     * @throws InvalidDestinationException in Argo CD's words when there is none, or several by that name
     */
    public RegisteredCluster destination(String name, String server) {
        String n = name == null ? "" : name;
        String s = server == null ? "" : server;
        if (!n.isEmpty() && !s.isEmpty()) {
            throw new InvalidDestinationException("application destination can't have both name and server defined: " + n + " " + s);
        }
        if (!s.isEmpty()) {
            String url = trimSlashes(s);
            if (url.equals(Destination.IN_CLUSTER_SERVER) && !settings.inClusterEnabled() && byServer(url).isEmpty()) {
                throw new InvalidDestinationException("error getting cluster by server \"" + s + "\": cluster \"" + url + "\" is disabled");
            }
            return byServer(url).orElseThrow(() -> new InvalidDestinationException(
                    "error getting cluster by server \"" + s + "\": cluster \"" + url + "\" not found"));
        }
        if (!n.isEmpty()) {
            List<RegisteredCluster> named = all().stream().filter(c -> c.name().equals(n)).toList();
            if (named.isEmpty() && n.equals(Destination.IN_CLUSTER_NAME) && settings.inClusterEnabled()) {
                // Argo CD: "in-cluster" keeps naming the local cluster when a Secret renamed it.
                Optional<RegisteredCluster> local = byServer(Destination.IN_CLUSTER_SERVER);
                if (local.isPresent()) {
                    return local.get();
                }
            }
            if (named.isEmpty()) {
                throw new InvalidDestinationException("there are no clusters with this name: " + n);
            }
            if (named.size() > 1) {
                throw new InvalidDestinationException("there are " + named.size() + " clusters with the same name: ["
                        + String.join(" ", named.stream().map(RegisteredCluster::server).toList()) + "]");
            }
            return named.get(0);
        }
        throw new InvalidDestinationException("Destination server missing from app spec");
    }

    /** The cluster registered for an API server URL (a trailing '/' does not matter). */
    public Optional<RegisteredCluster> byServer(String server) {
        String url = trimSlashes(server == null ? "" : server);
        return all().stream().filter(c -> c.server().equals(url)).findFirst();
    }

    /** The cluster with a name, when exactly one has it. */
    public Optional<RegisteredCluster> byName(String name) {
        List<RegisteredCluster> named = all().stream().filter(c -> c.name().equals(name)).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** Every usable cluster: the registered ones by Secret name, and in-cluster first when no Secret registers it. */
    public synchronized List<RegisteredCluster> all() {
        List<RegisteredCluster> out = new ArrayList<>();
        Map<String, Entry> winners = winners();
        if (settings.inClusterEnabled() && !winners.containsKey(Destination.IN_CLUSTER_SERVER)) {
            out.add(new RegisteredCluster(Destination.IN_CLUSTER_NAME, Destination.IN_CLUSTER_SERVER, List.of(), false, "", "",
                    () -> engine));
        }
        winners.values().stream().sorted(Comparator.comparing(e -> e.secretName)).forEach(e -> out.add(view(e)));
        return out;
    }

    /** Cluster Secrets that are left out, by Secret name, with why. */
    public synchronized Map<String, String> invalidSecrets() {
        Map<String, String> out = new TreeMap<>();
        Map<String, Entry> winners = winners();
        for (Entry e : entries.values()) {
            if (e.problem != null) {
                out.put(e.secretName, e.problem);
            } else if (winners.get(e.cluster.server()) != e) {
                out.put(e.secretName, "cluster Secret " + e.secretName + ": server " + e.cluster.server()
                        + " is already registered by Secret " + winners.get(e.cluster.server()).secretName
                        + "; delete one of the two Secrets");
            }
        }
        return out;
    }

    @Override
    public List<Cluster> clusters() {
        return all().stream().map(RegisteredCluster::toProjectCluster).toList();
    }

    /** The same resolution as {@link #destination(Destination)}, as the project checks see clusters. */
    @Override
    public Cluster resolve(Destination destination) {
        return destination(destination).toProjectCluster();
    }

    /**
     * Calls {@code listener} (on the informer's thread) after each cluster is added, changed or
     * removed. Returns the handle that stops the calls.
     */
    public AutoCloseable onChange(Consumer<ClusterChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        List<KubernetesClient> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Entry e : entries.values()) {
                if (e.client != null && e.ownsClient) {
                    toClose.add(e.client);
                }
                e.client = null;
            }
            entries.clear();
        }
        toClose.forEach(ClusterRegistry::closeQuietly);
    }

    /** A Secret was added or changed. */
    void secretChanged(ObjectNode secret) {
        String secretName = secret.path("metadata").path("name").asText();
        String resourceVersion = secret.path("metadata").path("resourceVersion").asText("");
        ClusterSecret cluster = null;
        String problem = null;
        try {
            cluster = ClusterSecret.parse(secret);
        } catch (ClusterSecretException e) {
            problem = e.getMessage();
            LOG.warn("event=cluster_secret_invalid secret={} error=\"{}\"", secretName, problem);
        }
        replace(secretName, new Entry(secretName, resourceVersion, cluster, problem));
    }

    /** A Secret was deleted. */
    void secretRemoved(String secretName) {
        replace(secretName, null);
    }

    private void replace(String secretName, Entry next) {
        Map<String, RegisteredCluster> before;
        Map<String, RegisteredCluster> after;
        KubernetesClient toClose = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            Entry previous = entries.get(secretName);
            if (previous != null && next != null && !next.resourceVersion.isEmpty()
                    && next.resourceVersion.equals(previous.resourceVersion)) {
                return; // a resync: nothing changed
            }
            before = byServerSnapshot();
            if (previous != null && previous.client != null) {
                if (previous.ownsClient) {
                    toClose = previous.client;
                }
                previous.client = null;
            }
            if (next == null) {
                entries.remove(secretName);
            } else {
                entries.put(secretName, next);
            }
            after = byServerSnapshot();
        }
        closeQuietly(toClose);
        List<ClusterChange> changes = diff(before, after, secretName);
        for (ClusterChange change : changes) {
            RegisteredCluster c = change.after().or(change::before).orElseThrow();
            LOG.info("event=cluster_{} name={} server={} secret={}", change.kind().name().toLowerCase(), c.name(), c.server(),
                    c.secretName().isEmpty() ? "-" : c.secretName());
            for (Consumer<ClusterChange> l : listeners) {
                try {
                    l.accept(change);
                } catch (RuntimeException e) {
                    LOG.error("event=cluster_listener_failed server={}", c.server(), e);
                }
            }
        }
    }

    /** What changed between two snapshots: by server, plus any cluster of the Secret that changed. */
    private static List<ClusterChange> diff(Map<String, RegisteredCluster> before, Map<String, RegisteredCluster> after,
            String secretName) {
        List<ClusterChange> out = new ArrayList<>();
        Map<String, Boolean> servers = new LinkedHashMap<>();
        before.keySet().forEach(s -> servers.put(s, true));
        after.keySet().forEach(s -> servers.put(s, true));
        for (String server : servers.keySet()) {
            RegisteredCluster b = before.get(server);
            RegisteredCluster a = after.get(server);
            boolean touched = (b != null && b.secretName().equals(secretName)) || (a != null && a.secretName().equals(secretName));
            if (b == null || a == null || !b.equals(a) || touched) {
                if (b != null || a != null) {
                    out.add(new ClusterChange(Optional.ofNullable(b), Optional.ofNullable(a)));
                }
            }
        }
        return out;
    }

    private Map<String, RegisteredCluster> byServerSnapshot() {
        Map<String, RegisteredCluster> out = new LinkedHashMap<>();
        for (RegisteredCluster c : all()) {
            out.put(c.server(), c);
        }
        return out;
    }

    /** The Secret that counts for each server: the first by Secret name. */
    private Map<String, Entry> winners() {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry e : entries.values()) { // a TreeMap: by Secret name
            if (e.cluster != null) {
                out.putIfAbsent(e.cluster.server(), e);
            }
        }
        return out;
    }

    private RegisteredCluster view(Entry e) {
        ClusterSecret c = e.cluster;
        String secretName = e.secretName;
        return new RegisteredCluster(c.name(), c.server(), c.namespaces(), c.clusterResources(), c.project(), secretName,
                () -> clientFor(secretName));
    }

    /** The client of a Secret's cluster, built on first use; the current one even when the caller's view is older. */
    private KubernetesClient clientFor(String secretName) {
        synchronized (this) {
            Entry e = entries.get(secretName);
            if (closed) {
                throw new IllegalStateException("the cluster registry is closed");
            }
            if (e == null || e.cluster == null) {
                throw new IllegalStateException("cluster Secret " + secretName + " was removed"
                        + (e == null ? "" : " or is no longer valid: " + e.problem));
            }
            if (e.client == null) {
                if (e.cluster.isInCluster() && !e.cluster.config().hasCredentials()) {
                    // Argo CD: an in-cluster Secret without credentials still uses the engine's own connection.
                    e.client = engine;
                    e.ownsClient = false;
                } else {
                    e.client = Objects.requireNonNull(settings.connector().connect(e.cluster), "connector returned no client");
                    e.ownsClient = true;
                }
                LOG.info("event=cluster_client_built name={} server={} secret={} resourceVersion={}", e.cluster.name(),
                        e.cluster.server(), secretName, e.resourceVersion);
            }
            return e.client;
        }
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("/+$", "");
    }

    private static void closeQuietly(KubernetesClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.warn("event=cluster_client_close_failed error={}", e.toString());
        }
    }

    /** Informer events, turned into the JSON trees the rest of the engine uses. */
    private final class SecretEvents implements ResourceEventHandler<Secret> {
        @Override
        public void onAdd(Secret s) {
            secretChanged(Json.MAPPER.valueToTree(s));
        }

        @Override
        public void onUpdate(Secret oldSecret, Secret newSecret) {
            secretChanged(Json.MAPPER.valueToTree(newSecret));
        }

        @Override
        public void onDelete(Secret s, boolean finalStateUnknown) {
            secretRemoved(s.getMetadata().getName());
        }
    }
}
