package dev.fairway.kube.schema;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.GroupVersionKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge facts of the built-in Kubernetes kinds, transcribed from the {@code patchMergeKey}, {@code patchStrategy},
 * {@code listType}, {@code listMapKey}, {@code mapType} and {@code structType} tags of the Kubernetes API types.
 * Only fields that differ from the defaults (atomic lists, granular maps) are listed. Facts are keyed by group and
 * kind: the versions we serve share them.
 */
public final class BuiltinMergeSchema implements MergeSchema {

    private static final ListShape BY_NAME = ListShape.mapMergedBy("name", "name");
    private static final ListShape CONDITIONS = ListShape.mapMergedBy("type", "type");
    private static final MapShape RETAIN_KEYS = new MapShape(false, PatchStrategy.MERGE, true);

    /** ObjectMeta, which every object (custom resources too) has at {@code metadata}. */
    static final Map<List<String>, Object> OBJECT_META = Map.of(
            List.of("finalizers"), ListShape.mergedSet(),
            List.of("ownerReferences"), ListShape.mapMergedBy("uid", "uid"));

    private static final Map<List<String>, Object> CONTAINER = Map.of(
            List.of("ports"), ListShape.mapMergedBy("containerPort", "containerPort", "protocol")
                    .withKeyDefault("protocol", TextNode.valueOf("TCP")),
            List.of("env"), BY_NAME,
            List.of("volumeMounts"), ListShape.mapMergedBy("mountPath", "mountPath"),
            List.of("volumeDevices"), ListShape.mapMergedBy("devicePath", "devicePath"),
            List.of("resources", "claims"), new ListShape(ListType.MAP, List.of("name"), Map.of(), null, PatchStrategy.REPLACE, false));

    private static final Map<List<String>, Object> POD_SPEC = podSpec();
    private static final Map<List<String>, Object> POD_TEMPLATE = new Facts()
            .mount(List.of("metadata"), OBJECT_META)
            .mount(List.of("spec"), POD_SPEC)
            .facts;

    // Declared after the fragments it is built from: static fields initialise in order.
    static final BuiltinMergeSchema INSTANCE = new BuiltinMergeSchema();

    private final Map<GroupKind, Map<List<String>, Object>> kinds = builtinKinds();

    private BuiltinMergeSchema() {}

    @Override
    public ListShape list(GroupVersionKind gvk, List<String> path) {
        return lookup(gvk, path) instanceof ListShape shape ? shape : ListShape.ATOMIC;
    }

    @Override
    public MapShape map(GroupVersionKind gvk, List<String> path) {
        return lookup(gvk, path) instanceof MapShape shape ? shape : MapShape.GRANULAR;
    }

    /** Whether any facts are known for this kind beyond ObjectMeta's. */
    public boolean knows(GroupKind kind) {
        return kinds.containsKey(kind);
    }

    private Object lookup(GroupVersionKind gvk, List<String> path) {
        if (path.size() > 1 && path.get(0).equals("metadata")) {
            return OBJECT_META.get(path.subList(1, path.size()));
        }
        Map<List<String>, Object> facts = kinds.get(gvk.groupKind());
        return facts == null ? null : facts.get(path);
    }

    private static Map<List<String>, Object> podSpec() {
        Facts f = new Facts()
                .put(List.of("volumes"), BY_NAME.withRetainKeys())
                .put(List.of("imagePullSecrets"), BY_NAME)
                .put(List.of("hostAliases"), ListShape.mapMergedBy("ip", "ip"))
                .put(List.of("topologySpreadConstraints"),
                        ListShape.mapMergedBy("topologyKey", "topologyKey", "whenUnsatisfiable"))
                .put(List.of("schedulingGates"), BY_NAME)
                .put(List.of("resourceClaims"), BY_NAME.withRetainKeys());
        for (String containers : List.of("containers", "initContainers", "ephemeralContainers")) {
            f.put(List.of(containers), BY_NAME).mount(List.of(containers), CONTAINER);
        }
        return f.facts;
    }

    private static Map<GroupKind, Map<List<String>, Object>> builtinKinds() {
        Map<GroupKind, Map<List<String>, Object>> k = new HashMap<>();
        List<String> spec = List.of("spec");
        List<String> statusConditions = List.of("status", "conditions");
        List<String> template = List.of("spec", "template");

        k.put(new GroupKind("", "Pod"), new Facts()
                .mount(spec, POD_SPEC)
                .put(statusConditions, CONDITIONS)
                .put(List.of("status", "podIPs"), ListShape.mapMergedBy("ip", "ip"))
                .put(List.of("status", "hostIPs"), ListShape.mapMergedBy("ip", "ip"))
                .facts);
        k.put(new GroupKind("", "PodTemplate"), new Facts().mount(List.of("template"), POD_TEMPLATE).facts);
        k.put(new GroupKind("", "ReplicationController"), new Facts()
                .mount(template, POD_TEMPLATE)
                .put(List.of("spec", "selector"), MapShape.ATOMIC)
                .put(statusConditions, CONDITIONS).facts);
        k.put(new GroupKind("", "Service"), new Facts()
                .put(List.of("spec", "ports"), ListShape.mapMergedBy("port", "port", "protocol")
                        .withKeyDefault("protocol", TextNode.valueOf("TCP")))
                .put(List.of("spec", "selector"), MapShape.ATOMIC)
                .put(statusConditions, CONDITIONS).facts);
        k.put(new GroupKind("", "Node"), new Facts()
                .put(List.of("spec", "podCIDRs"), ListShape.mergedSet())
                .put(statusConditions, CONDITIONS)
                .put(List.of("status", "addresses"), ListShape.mapMergedBy("type", "type")).facts);
        for (String kind : List.of("Namespace", "PersistentVolumeClaim")) {
            k.put(new GroupKind("", kind), new Facts().put(statusConditions, CONDITIONS).facts);
        }
        k.put(new GroupKind("", "ServiceAccount"), new Facts().put(List.of("secrets"), BY_NAME).facts);
        for (String kind : List.of("ConfigMap", "Secret", "Endpoints", "Event", "LimitRange", "ResourceQuota",
                "PersistentVolume")) {
            k.put(new GroupKind("", kind), Map.of());
        }

        for (String kind : List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet")) {
            Facts f = new Facts()
                    .mount(template, POD_TEMPLATE)
                    .put(List.of("spec", "selector"), MapShape.ATOMIC)
                    .put(statusConditions, CONDITIONS);
            if (kind.equals("Deployment")) {
                f.put(List.of("spec", "strategy"), RETAIN_KEYS);
            }
            k.put(new GroupKind("apps", kind), f.facts);
        }
        k.put(new GroupKind("apps", "ControllerRevision"), Map.of());

        k.put(new GroupKind("batch", "Job"), new Facts()
                .mount(template, POD_TEMPLATE)
                .put(List.of("spec", "selector"), MapShape.ATOMIC)
                .put(statusConditions, ListShape.atomicMergedBy("type")).facts);
        k.put(new GroupKind("batch", "CronJob"), new Facts()
                .mount(List.of("spec", "jobTemplate", "metadata"), OBJECT_META)
                .mount(List.of("spec", "jobTemplate", "spec", "template"), POD_TEMPLATE)
                .put(List.of("spec", "jobTemplate", "spec", "selector"), MapShape.ATOMIC).facts);

        k.put(new GroupKind("networking.k8s.io", "NetworkPolicy"), new Facts()
                .put(List.of("spec", "podSelector"), MapShape.ATOMIC).facts);
        for (String kind : List.of("Ingress", "IngressClass")) {
            k.put(new GroupKind("networking.k8s.io", kind), Map.of());
        }
        for (String kind : List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")) {
            k.put(new GroupKind("rbac.authorization.k8s.io", kind), Map.of());
        }
        k.put(new GroupKind("policy", "PodDisruptionBudget"), new Facts()
                .put(List.of("spec", "selector"), new MapShape(true, PatchStrategy.REPLACE, false))
                .put(statusConditions, CONDITIONS).facts);
        k.put(new GroupKind("autoscaling", "HorizontalPodAutoscaler"), new Facts()
                .put(statusConditions, CONDITIONS).facts);
        k.put(new GroupKind("coordination.k8s.io", "Lease"), Map.of());
        k.put(new GroupKind("storage.k8s.io", "CSINode"), new Facts()
                .put(List.of("spec", "drivers"), BY_NAME).facts);
        for (String kind : List.of("StorageClass", "CSIDriver", "VolumeAttachment")) {
            k.put(new GroupKind("storage.k8s.io", kind), Map.of());
        }
        k.put(new GroupKind("discovery.k8s.io", "EndpointSlice"), Map.of());
        k.put(new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"), new Facts()
                .put(statusConditions, new ListShape(ListType.MAP, List.of("type"), Map.of(), null, PatchStrategy.REPLACE, false))
                .facts);
        return Map.copyOf(k);
    }

    /** Collects facts by path, mounting shared fragments (PodSpec, ObjectMeta) under a prefix. */
    private static final class Facts {
        final Map<List<String>, Object> facts = new HashMap<>();

        Facts put(List<String> path, Object shape) {
            facts.put(List.copyOf(path), shape);
            return this;
        }

        Facts mount(List<String> prefix, Map<List<String>, Object> fragment) {
            fragment.forEach((path, shape) -> {
                List<String> full = new ArrayList<>(prefix);
                full.addAll(path);
                facts.put(List.copyOf(full), shape);
            });
            return this;
        }
    }
}
