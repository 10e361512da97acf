package dev.fairway.sandbox;

import dev.fairway.sandbox.admission.BuiltinDefaultsAndValidation;
import dev.fairway.sandbox.admission.CrdAdmission;
import dev.fairway.sandbox.admission.KubeFieldManagement;
import dev.fairway.sandbox.admission.KubePatcher;
import dev.fairway.sandbox.admission.SchemaAdmission;
import dev.fairway.sandbox.admission.ServiceAllocation;
import dev.fairway.sandbox.api.Admission;
import dev.fairway.sandbox.api.BuiltinResources;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ResourceRegistry;
import dev.fairway.sandbox.api.Schemas;
import dev.fairway.sandbox.controllers.CrdController;
import dev.fairway.sandbox.controllers.GarbageCollector;
import dev.fairway.sandbox.controllers.NamespaceController;
import dev.fairway.sandbox.controllers.ServiceAccountTokens;
import dev.fairway.sandbox.http.ApiHandler;
import dev.fairway.sandbox.http.AuditLog;
import dev.fairway.sandbox.http.OpenApiRoutes;
import dev.fairway.sandbox.http.PodLogs;
import dev.fairway.sandbox.http.Representations;
import dev.fairway.sandbox.http.Watches;
import dev.fairway.sandbox.schema.BuiltinSchemas;
import dev.fairway.sandbox.simulation.Simulator;
import dev.fairway.sandbox.store.MvObjectStore;
import dev.fairway.sandbox.table.TableConverter;
import dev.fairway.sandbox.watch.WatchHub;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox cluster: the store, the API server on 127.0.0.1, the built-in controllers, and the
 * kubeconfig and token files in its data directory.
 */
public final class Sandbox implements AutoCloseable {

    /** The Kubernetes version the sandbox reports (kubectl's dispatcher picks its own version from the minor). */
    public static final String KUBERNETES_VERSION = "v1.31.4+fairway";

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    /**
     * How to start a sandbox.
     *
     * @param name         the cluster name (context {@code fairway-NAME})
     * @param dataDir      where the store, token, kubeconfig and audit log live
     * @param port         the port on 127.0.0.1, 0 for any free one
     * @param auditWebhook where audit events are POSTed too, or null
     * @param fsync        whether commits are forced to disk (power-loss safe); off only for benchmarks of the rest
     */
    public record Config(String name, Path dataDir, int port, URI auditWebhook, boolean fsync, Simulator.Config simulation) {
        /** A sandbox with the default simulation (3 nodes, 1s pod start-up). */
        public Config(String name, Path dataDir, int port, URI auditWebhook, boolean fsync) {
            this(name, dataDir, port, auditWebhook, fsync, Simulator.Config.defaults());
        }

        public Config {
            if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                throw new IllegalArgumentException("cluster name \"" + name
                        + "\" must be lower case letters, digits and '-', starting and ending with a letter or digit");
            }
        }
    }

    private final Config config;
    private final MvObjectStore store;
    private final ObjectService service;
    private final Server server;
    private final AuditLog audit;
    private final List<AutoCloseable> controllers = new ArrayList<>();
    private final String token;
    private final String url;
    private final String caData;
    private final Watches watches;
    private final java.util.concurrent.ScheduledExecutorService controllerDelays;
    private final Simulator simulator;

    private Sandbox(Config config) throws Exception {
        this.config = config;
        Files.createDirectories(config.dataDir());
        this.token = loadOrCreateToken(config.dataDir().resolve("token"));
        Clock clock = Clock.systemUTC();
        ServingCertificates certs = ServingCertificates.loadOrCreate(config.dataDir().resolve("pki"));
        this.store = openStore(config);
        ResourceRegistry registry = new ResourceRegistry(BuiltinResources.all());
        Schemas schemas = new Schemas(registry);
        BuiltinSchemas builtinSchemas = new BuiltinSchemas();
        List<Admission> admission = List.of(
                new SchemaAdmission(schemas, builtinSchemas),
                new BuiltinDefaultsAndValidation(schemas),
                new CrdAdmission(),
                new ServiceAllocation(store));
        this.service = new ObjectService(store, registry, admission, new KubeFieldManagement(schemas), new KubePatcher(schemas), clock);
        WatchHub hub = new WatchHub(store.revision(), 20_000, 10_000);

        this.controllerDelays = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "controller-delays");
            t.setDaemon(true);
            return t;
        });
        CrdController crds = new CrdController(service, controllerDelays);
        GarbageCollector gc = new GarbageCollector(service, controllerDelays);
        NamespaceController namespaces = new NamespaceController(service, certs.caPem(), controllerDelays);
        ServiceAccountTokens tokens = new ServiceAccountTokens(service, certs.caPem(), controllerDelays);
        crds.start();
        gc.start();
        store.addListener(crds);
        store.addListener(hub);
        store.addListener(gc);
        store.addListener(namespaces);
        store.addListener(tokens);
        controllers.add(crds);
        controllers.add(gc);
        controllers.add(namespaces);
        controllers.add(tokens);
        namespaces.start();
        SystemObjects.ensure(service);
        this.simulator = config.simulation() == null ? null : new Simulator(service, config.simulation());
        if (simulator != null) {
            simulator.start();
        }

        Representations representations = new Representations(registry, new TableConverter(), clock);
        this.audit = new AuditLog(config.dataDir().resolve("audit.log"), config.auditWebhook());
        OpenApiRoutes openApi = new OpenApiRoutes(new OpenApiDocuments(registry, schemas, builtinSchemas));
        QueuedThreadPool pool = new QueuedThreadPool(2000, 8, 60_000);
        pool.setName("sandbox-api");
        this.server = new Server(pool);
        this.watches = new Watches(service, hub, representations, ServerWebSocketContainer.ensure(server));
        ApiHandler handler = new ApiHandler(service, watches, representations, openApi,
                simulator == null ? PodLogs.NONE : simulator.podLogs(), audit, token, clock, KUBERNETES_VERSION);

        char[] pw = token.toCharArray();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(certs.keyStore(pw));
        ssl.setKeyStorePassword(token);
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer(false));
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(config.port());
        connector.setIdleTimeout(3_600_000);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(5_000);
        server.start();
        this.url = "https://127.0.0.1:" + connector.getLocalPort();
        this.caData = certs.caData();
        Kubeconfig.write(kubeconfig(), config.name(), url, token, caData);
        LOG.info("event=sandbox_started name={} url={} revision={}", config.name(), url, store.revision());
    }

    public static Sandbox start(Config config) throws Exception {
        return new Sandbox(config);
    }

    public String url() {
        return url;
    }

    public String token() {
        return token;
    }

    /** The cluster CA (base64 PEM), for clients that build their own configuration. */
    public String caData() {
        return caData;
    }

    public Path kubeconfig() {
        return config.dataDir().resolve("kubeconfig");
    }

    public ObjectService objects() {
        return service;
    }

    private static MvObjectStore openStore(Config config) throws IOException {
        try {
            return MvObjectStore.open(config.dataDir().resolve("store.mv"), config.fsync());
        } catch (org.h2.mvstore.MVStoreException e) {
            if (String.valueOf(e.getMessage()).contains("locked")) {
                throw new IOException("the sandbox \"" + config.name() + "\" is already running on " + config.dataDir()
                        + " (its store is locked by another process); stop that one first");
            }
            throw new IOException("cannot open the sandbox store " + config.dataDir().resolve("store.mv") + ": " + e.getMessage(), e);
        }
    }

    private static String loadOrCreateToken(Path file) throws IOException {
        if (Files.exists(file)) {
            String t = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!t.isEmpty()) {
                return t;
            }
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String t = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        AtomicFiles.write(file, t.getBytes(StandardCharsets.UTF_8), true);
        return t;
    }

    @Override
    public void close() {
        watches.shutdown();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("event=sandbox_stop_failed error={}", e.toString());
        }
        if (simulator != null) {
            simulator.close();
        }
        for (AutoCloseable c : controllers) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("event=controller_stop_failed error={}", e.toString());
            }
        }
        controllerDelays.shutdownNow();
        audit.close();
        store.close();
        LOG.info("event=sandbox_stopped name={}", config.name());
    }
}
