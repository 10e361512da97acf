package dev.fairway.gitops.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.GroupVersionKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine knows of a cluster's live objects: one fabric8 informer per kind that some
 * application manages, started on first use and kept running. Objects are indexed by the
 * application that manages them (see {@link TrackingMethod}), so that finding an application's
 * live objects, and the application an edited object belongs to, costs no API call.
 */
public final class ClusterCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCache.class);
    private static final String BY_APPLICATION = "application";

    private final KubernetesClient client;
    private final TrackingMethod tracking;
    private final Duration startTimeout;
    private final KubeTrees trees;
    private final Map<GroupKind, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public ClusterCache(KubernetesClient client, TrackingMethod tracking, Duration startTimeout) {
        this.client = client;
        this.tracking = tracking;
        this.startTimeout = startTimeout;
        this.trees = new KubeTrees(client.getKubernetesSerialization());
    }

    public TrackingMethod tracking() {
        return tracking;
    }

    /** Calls {@code listener} with the application's name whenever one of its objects changes. */
    public void onManagedObjectChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /**
     * Starts watching a kind (all namespaces) unless it is watched already, and waits for the
     * first list. Safe to call from several threads.
     *
     * @throws ClusterCacheException when the cluster does not serve the kind or the list times out
     */
    public void watch(GroupVersionKind kind) {
        GroupKind groupKind = kind.groupKind();
        if (informers.containsKey(groupKind)) {
            return;
        }
        synchronized (informers) {
            if (informers.containsKey(groupKind)) {
                return;
            }
            informers.put(groupKind, start(kind));
        }
    }

    public boolean isWatching(GroupKind kind) {
        return informers.containsKey(kind);
    }

    private SharedIndexInformer<GenericKubernetesResource> start(GroupVersionKind kind) {
        SharedIndexInformer<GenericKubernetesResource> informer;
        try {
            informer = client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inAnyNamespace().runnableInformer(0);
        } catch (RuntimeException e) {
            throw new ClusterCacheException("the cluster does not serve " + kind.apiVersion() + " " + kind.kind()
                    + ": " + e.getMessage(), e);
        }
        informer.addIndexers(Map.of(BY_APPLICATION, resource -> applicationOf(resource).map(List::of).orElse(List.of())));
        informer.addEventHandler(new Notifier());
        try {
            informer.start().toCompletableFuture().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            informer.stop();
            Thread.currentThread().interrupt();
            throw new ClusterCacheException("interrupted while listing " + kind.kind(), e);
        } catch (ExecutionException | TimeoutException e) {
            informer.stop();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ClusterCacheException("cannot watch " + kind.apiVersion() + " " + kind.kind() + ": "
                    + (cause.getMessage() == null ? "no answer within " + startTimeout.toSeconds() + "s" : cause.getMessage()), cause);
        }
        LOG.info("event=watch-started apiVersion={} kind={}", kind.apiVersion(), kind.kind());
        return informer;
    }

    /** The live objects the application manages, in every kind watched so far. */
    public List<ObjectNode> managedBy(String application) {
        List<ObjectNode> out = new ArrayList<>();
        for (SharedIndexInformer<GenericKubernetesResource> informer : informers.values()) {
            for (GenericKubernetesResource resource : informer.getIndexer().byIndex(BY_APPLICATION, application)) {
                out.add(trees.tree(resource));
            }
        }
        return out;
    }

    /**
     * Every live object in the namespace, of the kinds watched so far (for orphaned-resource
     * reports). Starts no watch: objects of kinds no application uses are not seen.
     */
    public List<ObjectNode> inNamespace(String namespace) {
        List<ObjectNode> out = new ArrayList<>();
        for (SharedIndexInformer<GenericKubernetesResource> informer : informers.values()) {
            for (GenericKubernetesResource resource : informer.getIndexer().byIndex(
                    io.fabric8.kubernetes.client.informers.cache.Cache.NAMESPACE_INDEX, namespace)) {
                out.add(trees.tree(resource));
            }
        }
        return out;
    }

    /** The live object, if its kind is watched and it exists. */
    public Optional<ObjectNode> get(ResourceKey key) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(key.groupKind());
        if (informer == null) {
            return Optional.empty();
        }
        String storeKey = key.namespace().isEmpty() ? key.name() : key.namespace() + "/" + key.name();
        return Optional.ofNullable(informer.getStore().getByKey(storeKey)).map(trees::tree);
    }

    private Optional<String> applicationOf(GenericKubernetesResource resource) {
        if (tracking == TrackingMethod.LABEL) {
            // the common case, read without converting the whole object
            Map<String, String> labels = resource.getMetadata() == null ? null : resource.getMetadata().getLabels();
            return Optional.ofNullable(labels == null ? null : labels.get(TrackingMethod.INSTANCE_LABEL)).filter(s -> !s.isEmpty());
        }
        return tracking.applicationOf(trees.tree(resource));
    }

    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
    }

    /** Tells listeners which applications an event touched: the old owner and the new one. */
    private final class Notifier implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource resource) {
            applicationOf(resource).ifPresent(this::tell);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            Optional<String> old = applicationOf(before);
            Optional<String> now = applicationOf(after);
            now.ifPresent(this::tell);
            old.filter(o -> !old.equals(now)).ifPresent(this::tell);
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            applicationOf(resource).ifPresent(this::tell);
        }

        private void tell(String application) {
            for (Consumer<String> listener : listeners) {
                try {
                    listener.accept(application);
                } catch (RuntimeException e) {
                    LOG.error("event=listener-failed application={}", application, e);
                }
            }
        }
    }
}
