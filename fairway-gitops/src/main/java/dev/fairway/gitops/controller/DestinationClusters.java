package dev.fairway.gitops.controller;

import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.app.InvalidSpecError;
import dev.fairway.gitops.cluster.ClusterCache;
import dev.fairway.gitops.cluster.ClusterWriter;
import dev.fairway.gitops.cluster.Fabric8ClusterWriter;
import dev.fairway.gitops.clusters.ClusterChange;
import dev.fairway.gitops.clusters.ClusterRegistry;
import dev.fairway.gitops.clusters.ConnectionProbe;
import dev.fairway.gitops.clusters.ConnectionState;
import dev.fairway.gitops.clusters.RegisteredCluster;
import dev.fairway.gitops.diff.Differ;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.project.DiscoveryScopes;
import dev.fairway.gitops.project.ResourceScopes;
import dev.fairway.gitops.sync.SyncOperation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters applications deploy to, each with its own cache of managed objects, writer and
 * discovery: the engine's own cluster and every cluster registered as an Argo CD cluster Secret
 * (a hub). Connections are made on first use and dropped when the cluster's Secret changes or
 * goes, so that new credentials take effect and nothing keeps a closed client.
 */
final class DestinationClusters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationClusters.class);

    /** Everything the reconciler needs of one destination cluster. */
    record Connection(RegisteredCluster cluster, ClusterCache cache, ClusterWriter writer, Differ differ, SyncOperation syncs,
            ResourceScopes scopes, AutoCloseable ownedClient)
            implements AutoCloseable {
        @Override
        public void close() {
            cache.close();
            try {
                ownedClient.close();
            } catch (Exception e) {
                LOG.debug("event=client-close-failed server={}", cluster.server(), e);
            }
        }
    }

    private final ClusterRegistry registry;
    private final HealthAssessor health;
    private final ControllerSettings settings;
    private final Clock clock;
    private final Duration operationPoll;
    private final Consumer<String> managedObjectChanged;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** The last connection check of each remote cluster: probed at most every {@link #PROBE_EVERY}. */
    private final Map<String, ConnectionState> probes = new ConcurrentHashMap<>();
    private final ConnectionProbe probe;
    static final Duration PROBE_EVERY = Duration.ofSeconds(10);

    /**
     * @param managedObjectChanged told the name of the application whose object changed in any cluster
     * @param clusterChanged told when a registered cluster was added, changed or removed
     */
    DestinationClusters(ClusterRegistry registry, HealthAssessor health, ControllerSettings settings, Clock clock,
            Duration operationPoll, Consumer<String> managedObjectChanged, Runnable clusterChanged) {
        this.registry = registry;
        this.health = health;
        this.settings = settings;
        this.clock = clock;
        this.operationPoll = operationPoll;
        this.managedObjectChanged = managedObjectChanged;
        this.probe = new ConnectionProbe(clock, Duration.ofSeconds(5));
        registry.onChange(change -> {
            drop(change);
            clusterChanged.run();
        });
    }

    ClusterRegistry registry() {
        return registry;
    }

    /**
     * The connection to the application's destination cluster.
     *
     * @throws InvalidSpecError when the destination names no registered cluster (Argo CD's words)
     */
    Connection forApp(Application app) {
        RegisteredCluster cluster;
        try {
            cluster = registry.destination(app.destination());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecError("spec.destination", e.getMessage());
        }
        if (!cluster.isInCluster()) {
            ConnectionState state = probes.compute(cluster.server(), (server, last) ->
                    last == null || !clock.instant().isBefore(last.attemptedAt().plus(PROBE_EVERY)) ? probeFresh(cluster) : last);
            if (!state.successful()) {
                // its cache would only hold what the cluster last said, and its watches keep retrying:
                // drop it; when the cluster answers again, a new connection lists everything afresh
                Connection stale = connections.remove(cluster.server());
                if (stale != null) {
                    LOG.info("event=cluster-disconnected server={} reason=unreachable", cluster.server());
                    stale.close();
                }
                throw new ClusterUnreachableException(cluster.server(), state.message());
            }
        }
        return connections.computeIfAbsent(cluster.server(), server -> connect(cluster));
    }

    /** A destination cluster that does not answer (Argo CD's connection state Failed). */
    static final class ClusterUnreachableException extends RuntimeException {
        ClusterUnreachableException(String server, String message) {
            super("cluster " + server + " is unreachable (connection state Failed): " + message);
        }
    }

    /**
     * Probes with a client of its own: a client whose watches kept retrying against a dead server
     * can stay wedged after the server is back, and must not decide that it is still down.
     */
    private ConnectionState probeFresh(RegisteredCluster cluster) {
        try (KubernetesClient fresh = ownClient(cluster)) {
            return probe.probe(new RegisteredCluster(cluster.name(), cluster.server(), cluster.namespaces(), cluster.clusterResources(),
                    cluster.project(), cluster.secretName(), () -> fresh));
        } catch (RuntimeException e) {
            return new ConnectionState(ConnectionState.Status.Failed, "Unable to connect to cluster " + cluster.name() + ": "
                    + e.getMessage(), "", clock.instant());
        }
    }

    /** A client for a remote cluster owned by one connection (closed with it), from the Secret's current configuration. */
    private static KubernetesClient ownClient(RegisteredCluster cluster) {
        return new KubernetesClientBuilder().withConfig(cluster.client().get().getConfiguration()).build();
    }

    private Connection connect(RegisteredCluster cluster) {
        // the engine's own client for its own cluster; a fresh one, dropped with the connection, for others
        KubernetesClient client = cluster.isInCluster() ? cluster.client().get() : ownClient(cluster);
        AutoCloseable owned = cluster.isInCluster() ? () -> { } : client;
        ClusterCache cache = new ClusterCache(client, settings.tracking(), Duration.ofSeconds(30));
        cache.onManagedObjectChange(managedObjectChanged);
        Fabric8ClusterWriter writer = new Fabric8ClusterWriter(client);
        LOG.info("event=cluster-connected server={} name={}", cluster.server(), cluster.name());
        return new Connection(cluster, cache, writer, new Differ(writer),
                new SyncOperation(writer, health, settings.tracking(), clock, settings.syncWaveDelay(), operationPoll),
                new DiscoveryScopes(client, clock, Duration.ofSeconds(10)), owned);
    }

    private void drop(ClusterChange change) {
        for (String server : change.servers()) {
            probes.remove(server);
            Connection gone = connections.remove(server);
            if (gone != null) {
                LOG.info("event=cluster-disconnected server={} change={}", server, change.kind());
                gone.close();
            }
        }
    }

    @Override
    public void close() {
        connections.values().forEach(Connection::close);
        connections.clear();
    }
}
