package dev.fairway.sandbox.defaults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of the smaller built-in kinds: namespaces, secrets, volumes, endpoints, limits, storage, network policy, RBAC. */
final class CoreDefaults {

    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private CoreDefaults() {}

    static void namespace(ObjectNode ns) {
        ObjectNode metadata = Tree.child(ns, "metadata");
        String name = Tree.textOf(metadata, "name");
        if (!name.isEmpty()) {
            // Always the namespace's own name: the label exists so selectors can pick namespaces by name.
            Tree.child(metadata, "labels").put(NAMESPACE_NAME_LABEL, name);
        }
        ObjectNode spec = Tree.child(ns, "spec");
        if (Tree.absent(spec, "finalizers") || spec.get("finalizers").isEmpty()) {
            spec.putArray("finalizers").add("kubernetes");
        }
        Tree.text(Tree.child(ns, "status"), "phase", "Active");
    }

    static void secret(ObjectNode secret) {
        Tree.text(secret, "type", "Opaque");
        // stringData is write-only: kube-apiserver folds it into data (base64, winning over data's
        // own value for the same key) when it decodes the request, and never stores it
        if (secret.remove("stringData") instanceof ObjectNode stringData && !stringData.isEmpty()) {
            ObjectNode data = Tree.child(secret, "data");
            stringData.fields().forEachRemaining(e -> data.put(e.getKey(), java.util.Base64.getEncoder().encodeToString(
                    (e.getValue().isNull() ? "" : e.getValue().asText()).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
    }

    static void persistentVolumeClaim(ObjectNode pvc) {
        Tree.text(Tree.child(pvc, "spec"), "volumeMode", "Filesystem");
        Tree.text(Tree.child(pvc, "status"), "phase", "Pending");
    }

    static void persistentVolume(ObjectNode pv) {
        ObjectNode spec = Tree.child(pv, "spec");
        Tree.text(spec, "persistentVolumeReclaimPolicy", "Retain");
        Tree.text(spec, "volumeMode", "Filesystem");
        ObjectNode hostPath = Tree.existing(spec, "hostPath");
        if (hostPath != null && Tree.absent(hostPath, "type")) {
            hostPath.put("type", "");
        }
        Tree.text(Tree.child(pv, "status"), "phase", "Pending");
    }

    static void endpoints(ObjectNode endpoints) {
        for (ObjectNode subset : Tree.objects(endpoints, "subsets")) {
            for (ObjectNode port : Tree.objects(subset, "ports")) {
                Tree.text(port, "protocol", "TCP");
            }
        }
    }

    /** Container limits: default limit from max, default request from the default limit, then from min. */
    static void limitRange(ObjectNode limitRange) {
        for (ObjectNode item : Tree.objects(Tree.existing(limitRange, "spec"), "limits")) {
            if (!Tree.textOf(item, "type").equals("Container")) {
                continue;
            }
            ObjectNode defaults = Tree.child(item, "default");
            ObjectNode defaultRequest = Tree.child(item, "defaultRequest");
            copyAbsent(Tree.existing(item, "max"), defaults);
            copyAbsent(defaults, defaultRequest);
            copyAbsent(Tree.existing(item, "min"), defaultRequest);
        }
    }

    private static void copyAbsent(ObjectNode from, ObjectNode to) {
        if (from != null) {
            from.fields().forEachRemaining(e -> {
                if (!to.has(e.getKey())) {
                    to.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
    }

    static void storageClass(ObjectNode sc) {
        Tree.text(sc, "reclaimPolicy", "Delete");
        Tree.text(sc, "volumeBindingMode", "Immediate");
    }

    static void networkPolicy(ObjectNode np) {
        ObjectNode spec = Tree.child(np, "spec");
        for (String direction : new String[] {"ingress", "egress"}) {
            for (ObjectNode rule : Tree.objects(spec, direction)) {
                for (ObjectNode port : Tree.objects(rule, "ports")) {
                    Tree.text(port, "protocol", "TCP");
                }
            }
        }
        if (Tree.absent(spec, "policyTypes") || spec.get("policyTypes").isEmpty()) {
            ArrayNode types = spec.putArray("policyTypes");
            types.add("Ingress");
            if (spec.path("egress").size() > 0) {
                types.add("Egress");
            }
        }
    }

    static void roleBinding(ObjectNode binding) {
        for (ObjectNode subject : Tree.objects(binding, "subjects")) {
            String kind = Tree.textOf(subject, "kind");
            if (kind.equals("User") || kind.equals("Group")) {
                Tree.text(subject, "apiGroup", "rbac.authorization.k8s.io");
            }
        }
    }
}
