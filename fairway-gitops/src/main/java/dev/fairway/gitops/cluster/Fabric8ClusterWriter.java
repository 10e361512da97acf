package dev.fairway.gitops.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import dev.fairway.kube.Meta;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link ClusterWriter} through the fabric8 client. */
public final class Fabric8ClusterWriter implements ClusterWriter {

    /** kubectl's annotation of client-side apply: the configuration applied last, for the next three-way merge. */
    public static final String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
    /** How long a forced re-create waits for the deleted object to be gone. */
    private static final Duration RECREATE_WAIT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final KubeTrees trees;

    public Fabric8ClusterWriter(KubernetesClient client) {
        this.client = client;
        this.trees = new KubeTrees(client.getKubernetesSerialization());
    }

    @Override
    public ObjectNode apply(ObjectNode desired, boolean dryRun) {
        return write(desired, WriteOptions.serverSideApply(dryRun));
    }

    @Override
    public ObjectNode write(ObjectNode desired, WriteOptions options) {
        ObjectNode body = desired.deepCopy();
        // the API server refuses these in an apply; they come along when a live object is fed back in
        Meta.metadata(body).remove(List.of("resourceVersion", "managedFields", "uid", "creationTimestamp"));
        ResourceKey key = ResourceKey.of(body);
        try {
            return writeOnce(body, options);
        } catch (KubernetesClientException e) {
            if (options.force() && !options.dryRun() && isImmutable(e)) {
                return recreate(key, body, options);
            }
            throw refused(key, e);
        }
    }

    private ObjectNode writeOnce(ObjectNode body, WriteOptions options) {
        return switch (options.strategy()) {
            case SERVER_SIDE_APPLY -> serverSideApply(body, options);
            case CLIENT_SIDE_APPLY -> clientSideApply(body, options);
            case REPLACE -> replace(body, options);
        };
    }

    /**
     * Fields the API server does not know are refused ({@code fieldValidation=Strict}, as kubectl
     * and so Argo CD ask) unless {@code Validate=false}; the server's own default would only warn.
     */
    private static Validation validation(WriteOptions options) {
        return options.validate() ? Validation.STRICT : Validation.IGNORE;
    }

    private ObjectNode serverSideApply(ObjectNode body, WriteOptions options) {
        Resource<GenericKubernetesResource> resource = resource(body);
        NonDeletingOperation<GenericKubernetesResource> op = options.dryRun()
                ? resource.dryRun().fieldValidation(validation(options)) : resource.fieldValidation(validation(options));
        return trees.tree(op.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
    }

    /**
     * kubectl's client-side apply: the configuration is recorded in the last-applied annotation
     * and the change is a three-way patch (last applied, this configuration, live), so that fields
     * others set are kept and fields removed from git are removed from the cluster.
     */
    private ObjectNode clientSideApply(ObjectNode body, WriteOptions options) {
        ObjectNode config = body.deepCopy();
        JsonNode annotations = Meta.at(config, "metadata", "annotations");
        if (annotations instanceof ObjectNode a) {
            a.remove(LAST_APPLIED_ANNOTATION);
            if (a.isEmpty()) {
                Meta.metadata(config).remove("annotations");
            }
        }
        ObjectNode modified = config.deepCopy();
        JsonNode modifiedAnnotations = Meta.metadata(modified).get("annotations");
        ObjectNode target = modifiedAnnotations instanceof ObjectNode m ? m : Meta.metadata(modified).putObject("annotations");
        target.put(LAST_APPLIED_ANNOTATION, Json.write(config) + "\n");

        Optional<ObjectNode> live = get(ResourceKey.of(body), Meta.apiVersion(body));
        if (live.isEmpty()) {
            return create(modified, options);
        }
        String lastText = Meta.text(Meta.at(live.get(), "metadata", "annotations"), LAST_APPLIED_ANNOTATION);
        JsonNode lastApplied = null;
        if (lastText != null) {
            try {
                lastApplied = Json.parse(lastText);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
                lastApplied = null; // a mangled annotation: merge as if nothing had been applied
            }
        }
        ObjectNode patch = ThreeWayPatch.of(lastApplied, modified, live.get());
        if (patch.isEmpty()) {
            return live.get();
        }
        PatchContext context = PatchContext.of(isBuiltIn(Meta.gvk(body)) ? PatchType.STRATEGIC_MERGE : PatchType.JSON_MERGE);
        context.setFieldManager(FIELD_MANAGER);
        if (options.dryRun()) {
            context.setDryRun(List.of("All"));
        }
        context.setFieldValidation(options.validate() ? "Strict" : "Ignore");
        return trees.tree(resource(body).patch(context, Json.write(patch)));
    }

    /** {@code kubectl replace}: the whole object is written (PUT), or created when missing. */
    private ObjectNode replace(ObjectNode body, WriteOptions options) {
        Optional<ObjectNode> live = get(ResourceKey.of(body), Meta.apiVersion(body));
        if (live.isEmpty()) {
            return create(body, options);
        }
        Meta.metadata(body).put("resourceVersion", Meta.text(live.get().get("metadata"), "resourceVersion"));
        Resource<GenericKubernetesResource> resource = resource(body);
        NonDeletingOperation<GenericKubernetesResource> op = options.dryRun()
                ? resource.dryRun().fieldValidation(validation(options)) : resource.fieldValidation(validation(options));
        return trees.tree(op.update());
    }

    private ObjectNode create(ObjectNode body, WriteOptions options) {
        Resource<GenericKubernetesResource> resource = resource(body);
        NonDeletingOperation<GenericKubernetesResource> op = options.dryRun()
                ? resource.dryRun().fieldValidation(validation(options)) : resource.fieldValidation(validation(options));
        return trees.tree(op.create());
    }

    /** {@code Force=true}: the cluster refused the change as immutable; delete the object, wait for it to go, write it again. */
    private ObjectNode recreate(ResourceKey key, ObjectNode body, WriteOptions options) {
        delete(key, Meta.apiVersion(body), DeletePropagation.FOREGROUND);
        Instant deadline = Instant.now().plus(RECREATE_WAIT);
        while (get(key, Meta.apiVersion(body)).isPresent()) {
            if (Instant.now().isAfter(deadline)) {
                throw new ClusterWriteException(key + ": deleted to be created again (Force=true), but still there after "
                        + RECREATE_WAIT.toSeconds() + "s", 409, null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterWriteException(key + ": interrupted while re-creating", 0, e);
            }
        }
        try {
            return writeOnce(body, new WriteOptions(options.strategy(), false, options.validate(), false));
        } catch (KubernetesClientException e) {
            throw refused(key, e);
        }
    }

    /** Immutable fields are refused with 422 Invalid ("field is immutable"), as a Job's template or a Service's clusterIP. */
    private static boolean isImmutable(KubernetesClientException e) {
        String message = String.valueOf(e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage());
        return e.getCode() == 422 && (message.contains("immutable") || message.contains("Forbidden"));
    }

    /** Kinds kubectl knows are patched with strategic merge; custom resources with a JSON merge patch, as kubectl does. */
    private static boolean isBuiltIn(GroupVersionKind gvk) {
        String group = gvk.group();
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    @Override
    public void delete(ResourceKey key, String apiVersion) {
        delete(key, apiVersion, DeletePropagation.BACKGROUND);
    }

    @Override
    public void delete(ResourceKey key, String apiVersion, DeletePropagation propagation) {
        DeletionPropagation policy = switch (propagation) {
            case FOREGROUND -> DeletionPropagation.FOREGROUND;
            case BACKGROUND -> DeletionPropagation.BACKGROUND;
            case ORPHAN -> DeletionPropagation.ORPHAN;
        };
        try {
            kind(GroupVersionKind.of(apiVersion, key.kind()), key.namespace().isEmpty() ? null : key.namespace())
                    .withName(key.name()).withPropagationPolicy(policy).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw refused(key, e);
            }
        }
    }

    @Override
    public Optional<ObjectNode> get(ResourceKey key, String apiVersion) {
        try {
            GenericKubernetesResource found = kind(GroupVersionKind.of(apiVersion, key.kind()),
                    key.namespace().isEmpty() ? null : key.namespace()).withName(key.name()).get();
            return Optional.ofNullable(found).map(trees::tree);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw refused(key, e);
        }
    }

    private Resource<GenericKubernetesResource> resource(ObjectNode body) {
        return kind(Meta.gvk(body), Meta.namespace(body)).resource(trees.resource(body));
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> kind(
            GroupVersionKind gvk, String namespace) {
        return namespace == null
                ? client.genericKubernetesResources(gvk.apiVersion(), gvk.kind())
                : client.genericKubernetesResources(gvk.apiVersion(), gvk.kind()).inNamespace(namespace);
    }

    private static ClusterWriteException refused(ResourceKey key, KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return new ClusterWriteException(key + ": " + message, e.getCode(), e);
    }
}
