package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an AppProject while applications use it, as Argo CD does: a project that any
 * application references carries {@code resources-finalizer.argocd.argoproj.io}, so deleting it
 * leaves it Terminating; once no application references it any more, the finalizer is removed
 * and Kubernetes lets it go. Projects are converged one at a time from their own work queue,
 * woken by project events and by applications appearing, moving project or going.
 */
final class ProjectFinalizer implements AutoCloseable {

    static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";
    private static final Logger LOG = LoggerFactory.getLogger(ProjectFinalizer.class);
    private static final String PROJECT_KIND = "AppProject";

    private final KubernetesClient client;
    private final String namespace;
    private final KubeTrees trees;
    private final Supplier<Collection<GenericKubernetesResource>> applications;
    private final BooleanSupplier applicationsListed;
    private final WorkQueue<String> queue = new WorkQueue<>(Duration.ofMillis(200), Duration.ofMinutes(2));
    private volatile boolean running;
    private Thread worker;

    /**
     * @param applications the applications of the namespace, as the controller's informer has them
     * @param applicationsListed whether that informer has its first full list: before, no project
     *     may lose its finalizer (an application not seen yet may still reference it)
     */
    ProjectFinalizer(KubernetesClient client, String namespace, Supplier<Collection<GenericKubernetesResource>> applications,
            BooleanSupplier applicationsListed) {
        this.client = client;
        this.namespace = namespace;
        this.trees = new KubeTrees(client.getKubernetesSerialization());
        this.applications = applications;
        this.applicationsListed = applicationsListed;
    }

    void start() {
        running = true;
        worker = new Thread(this::work, "project-finalizer");
        worker.setDaemon(true);
        worker.start();
    }

    /** Looks at the project again soon. */
    void changed(String project) {
        if (project != null && !project.isEmpty()) {
            queue.add(project);
        }
    }

    /** The project an Application names ({@code default} when it names none). */
    static String projectOf(GenericKubernetesResource application) {
        Object spec = application.getAdditionalProperties().get("spec");
        Object project = spec instanceof Map<?, ?> m ? m.get("project") : null;
        return project == null || project.toString().isEmpty() ? "default" : project.toString();
    }

    private void work() {
        while (running) {
            String project;
            try {
                project = queue.poll(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (project == null) {
                continue;
            }
            try {
                if (!applicationsListed.getAsBoolean()) {
                    queue.addAfter(project, Duration.ofMillis(500));
                } else {
                    converge(project);
                    queue.forget(project);
                }
            } catch (RuntimeException e) {
                // a conflicting write or the API server failing: try again with backoff
                LOG.warn("event=project-finalizer-failed project={} message=\"{}\"", project, e.getMessage());
                queue.addRateLimited(project);
            } finally {
                queue.done(project);
            }
        }
    }

    private void converge(String name) {
        GenericKubernetesResource found = client.genericKubernetesResources(Application.API_VERSION, PROJECT_KIND)
                .inNamespace(namespace).withName(name).get();
        if (found == null) {
            return;
        }
        ObjectNode project = trees.tree(found);
        JsonNode metadata = project.path("metadata");
        int index = indexOfFinalizer(metadata.path("finalizers"));
        boolean deleting = metadata.hasNonNull("deletionTimestamp");
        long users = applications.get().stream().filter(a -> name.equals(projectOf(a))).count();
        if (users > 0 && index < 0 && !deleting) {
            ArrayNode patch = Json.object().arrayNode();
            if (metadata.path("finalizers").isArray()) {
                patch.addObject().put("op", "add").put("path", "/metadata/finalizers/-").put("value", FINALIZER);
            } else {
                patch.addObject().put("op", "add").put("path", "/metadata/finalizers").putArray("value").add(FINALIZER);
            }
            patch(name, patch);
            LOG.info("event=project-finalizer-added project={} applications={}", name, users);
        } else if (users == 0 && index >= 0 && deleting) {
            ArrayNode patch = Json.object().arrayNode();
            patch.addObject().put("op", "test").put("path", "/metadata/finalizers/" + index).put("value", FINALIZER);
            patch.addObject().put("op", "remove").put("path", "/metadata/finalizers/" + index);
            patch(name, patch);
            LOG.info("event=project-finalizer-removed project={}", name);
        } else if (deleting && index >= 0) {
            LOG.info("event=project-deletion-waiting project={} applications={}", name, users);
        }
    }

    private static int indexOfFinalizer(JsonNode finalizers) {
        for (int i = 0; i < finalizers.size(); i++) {
            if (FINALIZER.equals(finalizers.get(i).asText())) {
                return i;
            }
        }
        return -1;
    }

    private void patch(String name, ArrayNode patch) {
        try {
            client.genericKubernetesResources(Application.API_VERSION, PROJECT_KIND).inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON), Json.write(patch));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) { // gone meanwhile: nothing left to keep
                throw e;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        queue.close();
        if (worker != null) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
