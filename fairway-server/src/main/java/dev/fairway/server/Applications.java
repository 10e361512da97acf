package dev.fairway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.kube.select.LabelSelector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The Applications the API serves, read from an informer cache (so listing 10,000 apps costs no
 * cluster round trip) and written through the Kubernetes API, as Argo CD's API server does: a sync
 * is an {@code operation} written onto the Application, which the controller then performs.
 */
public final class Applications implements AutoCloseable {

    public static final ResourceDefinitionContext APPLICATION = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withPlural("applications").withKind("Application")
            .withNamespaced(true).build();

    /** Filters of the list call; null or empty means "any". */
    public record Filter(String project, String sync, String health, String namespace, String selector, String search) {
        boolean matches(ObjectNode app) {
            JsonNode spec = app.path("spec");
            JsonNode status = app.path("status");
            if (!blank(project) && !project.equals(spec.path("project").asText())) {
                return false;
            }
            if (!blank(sync) && !sync.equalsIgnoreCase(status.path("sync").path("status").asText())) {
                return false;
            }
            if (!blank(health) && !health.equalsIgnoreCase(status.path("health").path("status").asText())) {
                return false;
            }
            if (!blank(namespace) && !namespace.equals(spec.path("destination").path("namespace").asText())) {
                return false;
            }
            if (!blank(selector) && !LabelSelector.parse(selector).matchesObject(app)) {
                return false;
            }
            return blank(search) || app.path("metadata").path("name").asText().contains(search)
                    || spec.path("source").path("repoURL").asText().contains(search)
                    || spec.path("source").path("path").asText().contains(search);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    private final KubernetesClient client;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final List<BiConsumer<String, ObjectNode>> listeners = new CopyOnWriteArrayList<>();

    public Applications(KubernetesClient client) {
        this.client = client;
        this.informer = client.genericKubernetesResources(APPLICATION).inAnyNamespace().runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                publish("ADDED", obj);
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                publish("MODIFIED", newObj);
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                publish("DELETED", obj);
            }
        });
    }

    /** Starts the cache and waits (bounded) until it holds what the cluster has. */
    public void start() throws Exception {
        informer.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private void publish(String type, GenericKubernetesResource obj) {
        ObjectNode tree = toTree(obj);
        for (BiConsumer<String, ObjectNode> l : listeners) {
            l.accept(type, tree);
        }
    }

    /** Called for every change (type, application); used by the event stream. */
    public void addListener(BiConsumer<String, ObjectNode> listener) {
        listeners.add(listener);
    }

    public void removeListener(BiConsumer<String, ObjectNode> listener) {
        listeners.remove(listener);
    }

    static ObjectNode toTree(GenericKubernetesResource r) {
        return Json.MAPPER.valueToTree(r);
    }

    public List<ObjectNode> list(Filter filter) {
        List<ObjectNode> out = new ArrayList<>();
        for (GenericKubernetesResource r : informer.getStore().list()) {
            ObjectNode app = toTree(r);
            if (filter.matches(app)) {
                out.add(app);
            }
        }
        out.sort(Comparator.comparing((ObjectNode a) -> a.path("metadata").path("namespace").asText())
                .thenComparing(a -> a.path("metadata").path("name").asText()));
        return out;
    }

    /** Finds an app by name; with no namespace given, the one app of that name in any namespace. */
    public Optional<ObjectNode> get(String namespace, String name) {
        if (namespace != null && !namespace.isEmpty()) {
            GenericKubernetesResource r = informer.getStore().getByKey(namespace + "/" + name);
            return Optional.ofNullable(r).map(Applications::toTree);
        }
        return informer.getStore().list().stream()
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst()
                .map(Applications::toTree);
    }

    /** Writes a merge patch onto the Application, through the cluster (not the cache). */
    public ObjectNode patch(ObjectNode app, ObjectNode mergePatch) {
        GenericKubernetesResource r = client.genericKubernetesResources(APPLICATION)
                .inNamespace(app.path("metadata").path("namespace").asText())
                .withName(app.path("metadata").path("name").asText())
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        Json.write(mergePatch));
        return toTree(r);
    }

    public boolean delete(ObjectNode app, boolean cascade) {
        var res = client.genericKubernetesResources(APPLICATION)
                .inNamespace(app.path("metadata").path("namespace").asText())
                .withName(app.path("metadata").path("name").asText());
        if (cascade) {
            // Argo CD's convention: the finalizer makes the controller delete the app's resources first
            ObjectNode patch = Json.object();
            var fins = patch.putObject("metadata").putArray("finalizers");
            boolean present = false;
            for (JsonNode f : app.path("metadata").path("finalizers")) {
                fins.add(f.asText());
                present |= f.asText().startsWith("resources-finalizer.argocd.argoproj.io");
            }
            if (!present) {
                fins.add("resources-finalizer.argocd.argoproj.io");
                patch(app, patch);
            }
        }
        return !res.delete().isEmpty();
    }

    @Override
    public void close() {
        informer.close();
    }
}
