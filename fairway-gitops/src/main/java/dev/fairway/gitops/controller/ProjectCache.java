package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.gitops.project.AppProject;
import dev.fairway.gitops.project.InvalidProjectError;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The AppProjects of the control-plane namespace, from an informer: every reconcile checks its
 * application's project without a round trip, each project is parsed once per resourceVersion,
 * and a changed project wakes the applications that belong to it (a project created after its
 * applications, a destination added).
 */
final class ProjectCache implements AutoCloseable {

    /** A project as read: parsed, or why it cannot be. */
    record Entry(String resourceVersion, AppProject project, InvalidProjectError error) {}

    private final KubernetesClient client;
    private final String namespace;
    private final KubeTrees trees;
    private final Map<String, Entry> parsed = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<GenericKubernetesResource> informer;

    ProjectCache(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.trees = new KubeTrees(client.getKubernetesSerialization());
    }

    void start() {
        informer = client.genericKubernetesResources(Application.API_VERSION, "AppProject").inNamespace(namespace)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource p) {
                        changed(p);
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                        changed(after);
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource p, boolean finalStateUnknown) {
                        parsed.remove(p.getMetadata().getName());
                        changed(p);
                    }
                }, 0);
    }

    void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void changed(GenericKubernetesResource project) {
        String name = project.getMetadata().getName();
        listeners.forEach(l -> l.accept(name));
    }

    /**
     * The project named {@code name}: empty when it does not exist.
     *
     * @throws InvalidProjectError when it exists but cannot be read
     */
    Optional<AppProject> get(String name) {
        GenericKubernetesResource found = informer == null ? null : informer.getStore().getByKey(namespace + "/" + name);
        if (found == null) {
            return Optional.empty();
        }
        String version = found.getMetadata().getResourceVersion();
        Entry entry = parsed.get(name);
        if (entry == null || !entry.resourceVersion().equals(version)) {
            ObjectNode tree = trees.tree(found);
            try {
                entry = new Entry(version, AppProject.parse(tree), null);
            } catch (InvalidProjectError e) {
                entry = new Entry(version, null, e);
            }
            parsed.put(name, entry);
        }
        if (entry.error() != null) {
            throw entry.error();
        }
        return Optional.of(entry.project());
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
