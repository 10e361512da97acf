package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.clusters.ClusterRegistry;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.gitops.health.HealthAssessor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every Application in one namespace converged: an informer on Applications and the
 * cluster cache put application keys on a de-duplicating, rate-limited work queue; workers take
 * one key at a time and run the {@link ApplicationReconciler} on the informer's current copy. A
 * failing application is retried with backoff and never holds up the others.
 */
public final class ApplicationController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationController.class);

    private final KubernetesClient client;
    private final ControllerSettings settings;
    private final DestinationClusters clusters;
    /** How soon to look again while an operation waits for hooks or health (object events come sooner). */
    private static final Duration OPERATION_POLL = Duration.ofSeconds(1);
    private final ApplicationReconciler reconciler;
    private final ProjectCache projects;
    private final ProjectFinalizer projectFinalizer;
    private final KubeTrees trees;
    private final WorkQueue<String> queue = new WorkQueue<>(Duration.ofMillis(200), Duration.ofMinutes(5));
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService resync;
    private SharedIndexInformer<GenericKubernetesResource> applications;
    private volatile boolean running;

    public ApplicationController(KubernetesClient client, DesiredStateSource source, HealthAssessor health,
            ControllerSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.trees = new KubeTrees(client.getKubernetesSerialization());
        this.projects = new ProjectCache(client, settings.namespace());
        this.clusters = new DestinationClusters(ClusterRegistry.start(client, settings.namespace()), health, settings, clock,
                OPERATION_POLL, app -> queue.add(settings.namespace() + "/" + app), this::enqueueAllNow);
        this.projectFinalizer = new ProjectFinalizer(client, settings.namespace(),
                () -> applications == null ? List.of() : applications.getStore().list(),
                () -> applications != null && applications.hasSynced());
        this.reconciler = new ApplicationReconciler(source, clusters, health, new ApplicationStore(client), projects, settings, clock,
                name -> applications != null && applications.getStore().getByKey(settings.namespace() + "/" + name) != null);
        this.resync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "application-resync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching Applications and reconciling them; returns once the first list is in. */
    public void start() {
        running = true;
        // a project created, changed or deleted: its applications see the new rules at once
        projects.onChange(this::enqueueProject);
        projects.onChange(projectFinalizer::changed);
        projectFinalizer.start();
        projects.start();
        applications = client.genericKubernetesResources(Application.API_VERSION, Application.KIND)
                .inNamespace(settings.namespace()).inform(new ApplicationEvents(), 0);
        AtomicInteger n = new AtomicInteger();
        for (int i = 0; i < Math.max(1, settings.workers()); i++) {
            Thread worker = new Thread(this::work, "application-worker-" + n.incrementAndGet());
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        long period = settings.resyncPeriod().toMillis();
        resync.scheduleAtFixedRate(this::enqueueAll, period, period, TimeUnit.MILLISECONDS);
        LOG.info("event=controller-started namespace={} workers={} resync={}s", settings.namespace(), workers.size(),
                settings.resyncPeriod().toSeconds());
    }

    /**
     * The application's diff against git now, as {@code {"revision"?, "resources": [{group, kind,
     * namespace, name, state, diff}]}}; nothing is written.
     *
     * @throws java.util.NoSuchElementException when there is no such application
     */
    public ObjectNode diff(String name) {
        GenericKubernetesResource found = client.genericKubernetesResources(Application.API_VERSION, Application.KIND)
                .inNamespace(settings.namespace()).withName(name).get();
        if (found == null) {
            throw new java.util.NoSuchElementException("application \"" + name + "\" not found in namespace " + settings.namespace());
        }
        dev.fairway.gitops.diff.Comparison comparison = reconciler.compare(trees.tree(found));
        ObjectNode out = dev.fairway.kube.Json.object();
        var resources = out.putArray("resources");
        for (dev.fairway.gitops.diff.ResourceDiff d : comparison.resources()) {
            ObjectNode r = resources.addObject();
            r.put("group", d.key().group());
            r.put("kind", d.key().kind());
            r.put("namespace", d.key().namespace() == null ? "" : d.key().namespace());
            r.put("name", d.key().name());
            r.put("state", d.state().name());
            r.put("diff", d.diff() == null ? "" : d.diff());
            if (d.desired() != null) {
                // what git wants, as the server's dry run completed it; never a Secret's values
                r.set("desired", dev.fairway.gitops.diff.SecretMask.masked(d.desired()));
            }
        }
        out.put("synced", comparison.isSynced());
        return out;
    }

    /**
     * Stops the application's running sync operation, as {@code argocd app terminate-op} does: the
     * operation's phase becomes {@code Terminating} (the same JSON patch an API client may send:
     * {@code [{"op":"test","path":"/status/operationState/phase","value":"Running"},
     * {"op":"replace","path":"/status/operationState/phase","value":"Terminating"}]}), and the
     * engine then deletes running hooks and ends it as Failed, "Operation terminated".
     *
     * @return false when the application has no running operation
     */
    public boolean terminateOperation(String name) {
        boolean asked = reconciler.terminate(settings.namespace(), name);
        if (asked) {
            refresh(name);
        }
        return asked;
    }

    private void enqueueProject(String project) {
        if (applications == null) {
            return;
        }
        for (GenericKubernetesResource app : applications.getStore().list()) {
            Object spec = app.getAdditionalProperties().get("spec");
            if (spec instanceof java.util.Map<?, ?> m && project.equals(String.valueOf(m.get("project") == null ? "default" : m.get("project")))) {
                queue.add(settings.namespace() + "/" + app.getMetadata().getName());
            }
        }
    }

    /** Asks for a reconcile of one application soon (a webhook push, a refresh request). */
    public void refresh(String name) {
        queue.add(settings.namespace() + "/" + name);
    }

    /**
     * Every app is compared with git once a period; spread over the first tenth of it (jitter,
     * as Argo CD's polling) so that a cluster of many apps does not fetch and diff in one burst.
     */
    private void enqueueAll() {
        long spread = Math.max(1, settings.resyncPeriod().toMillis() / 10);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        applications.getStore().list().forEach(a -> queue.addAfter(key(a), Duration.ofMillis(random.nextLong(spread))));
    }

    /** A destination cluster was added, changed or removed: every app looks again (the few that use it matter). */
    private void enqueueAllNow() {
        if (applications != null) {
            applications.getStore().list().forEach(a -> queue.add(key(a)));
        }
    }

    private void work() {
        while (running) {
            String key;
            try {
                key = queue.poll(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (key == null) {
                continue;
            }
            try {
                // read it fresh: the informer's copy may predate our own last status write, and
                // reconciling that copy would redo a sync that just finished
                String[] parts = key.split("/", 2);
                GenericKubernetesResource current = client.genericKubernetesResources(Application.API_VERSION, Application.KIND)
                        .inNamespace(parts[0]).withName(parts[1]).get();
                if (current != null) {
                    Duration next = reconciler.reconcile(trees.tree(current));
                    queue.forget(key);
                    queue.addAfter(key, next);
                }
            } catch (RuntimeException e) {
                // our bug or the API server failing: this app backs off, the others go on
                LOG.error("event=reconcile-failed application={}", key, e);
                queue.addRateLimited(key);
            } finally {
                queue.done(key);
            }
        }
    }

    private static String key(GenericKubernetesResource app) {
        return app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
    }

    @Override
    public void close() {
        running = false;
        resync.shutdownNow();
        queue.close();
        for (Thread worker : workers) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (applications != null) {
            applications.stop();
        }
        projectFinalizer.close();
        projects.close();
        clusters.close();
        clusters.registry().close();
    }

    /**
     * Queues an application when it appears, or its spec, operation, labels or annotations change;
     * not for the controller's own status writes, which would otherwise loop.
     */
    private final class ApplicationEvents implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource app) {
            queue.add(key(app));
            projectFinalizer.changed(ProjectFinalizer.projectOf(app));
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            if (!intent(trees.tree(before)).equals(intent(trees.tree(after)))) {
                queue.add(key(after));
            }
            String was = ProjectFinalizer.projectOf(before);
            if (!was.equals(ProjectFinalizer.projectOf(after))) {
                projectFinalizer.changed(was); // it may have been the project's last application
                projectFinalizer.changed(ProjectFinalizer.projectOf(after));
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource app, boolean finalStateUnknown) {
            // the cluster's objects stay, as in Argo CD without the resources finalizer
            projectFinalizer.changed(ProjectFinalizer.projectOf(app)); // it may have been the project's last application
        }

        private ObjectNode intent(ObjectNode app) {
            ObjectNode copy = app.deepCopy();
            copy.remove("status");
            ObjectNode metadata = (ObjectNode) copy.get("metadata");
            if (metadata != null) {
                metadata.remove(List.of("resourceVersion", "managedFields", "generation"));
            }
            return Objects.requireNonNull(copy);
        }
    }
}
