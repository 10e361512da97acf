package dev.fairway.sandbox.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of the apps/v1 controllers and the core ReplicationController. */
final class WorkloadDefaults {

    private WorkloadDefaults() {}

    static void deployment(ObjectNode d) {
        ObjectNode spec = Tree.child(d, "spec");
        Tree.number(spec, "replicas", 1);
        ObjectNode strategy = Tree.child(spec, "strategy");
        Tree.text(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode rolling = Tree.child(strategy, "rollingUpdate");
            Tree.text(rolling, "maxUnavailable", "25%");
            Tree.text(rolling, "maxSurge", "25%");
        }
        Tree.number(spec, "revisionHistoryLimit", 10);
        Tree.number(spec, "progressDeadlineSeconds", 600);
        PodSpecDefaults.template(Tree.child(spec, "template"));
    }

    static void replicaSet(ObjectNode rs) {
        ObjectNode spec = Tree.child(rs, "spec");
        Tree.number(spec, "replicas", 1);
        PodSpecDefaults.template(Tree.child(spec, "template"));
    }

    static void statefulSet(ObjectNode sts) {
        ObjectNode spec = Tree.child(sts, "spec");
        Tree.text(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = Tree.child(spec, "updateStrategy");
        if (Tree.blank(strategy, "type")) {
            strategy.put("type", "RollingUpdate");
            // Only an unset strategy gets the rollingUpdate block; an explicit type without one stays as written.
            Tree.child(strategy, "rollingUpdate");
        }
        ObjectNode rolling = Tree.existing(strategy, "rollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate") && rolling != null) {
            Tree.number(rolling, "partition", 0);
        }
        Tree.number(spec, "replicas", 1);
        Tree.number(spec, "revisionHistoryLimit", 10);
        ObjectNode retention = Tree.child(spec, "persistentVolumeClaimRetentionPolicy");
        Tree.text(retention, "whenDeleted", "Retain");
        Tree.text(retention, "whenScaled", "Retain");
        for (ObjectNode claim : Tree.objects(spec, "volumeClaimTemplates")) {
            Tree.text(claim, "apiVersion", "v1");
            Tree.text(claim, "kind", "PersistentVolumeClaim");
            ObjectNode metadata = Tree.child(claim, "metadata");
            if (!metadata.has("creationTimestamp")) {
                metadata.putNull("creationTimestamp");
            }
            CoreDefaults.persistentVolumeClaim(claim);
        }
        PodSpecDefaults.template(Tree.child(spec, "template"));
    }

    static void daemonSet(ObjectNode ds) {
        ObjectNode spec = Tree.child(ds, "spec");
        ObjectNode strategy = Tree.child(spec, "updateStrategy");
        Tree.text(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode rolling = Tree.child(strategy, "rollingUpdate");
            if (Tree.absent(rolling, "maxUnavailable")) {
                rolling.put("maxUnavailable", 1);
            }
            if (Tree.absent(rolling, "maxSurge")) {
                rolling.put("maxSurge", 0);
            }
        }
        Tree.number(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.template(Tree.child(spec, "template"));
    }

    static void replicationController(ObjectNode rc) {
        ObjectNode spec = Tree.child(rc, "spec");
        ObjectNode template = Tree.existing(spec, "template");
        if (template != null) {
            ObjectNode labels = Tree.existing(Tree.existing(template, "metadata"), "labels");
            if (labels != null) {
                if (Tree.existing(spec, "selector") == null || spec.get("selector").isEmpty()) {
                    spec.set("selector", labels.deepCopy());
                }
                ObjectNode metadata = Tree.child(rc, "metadata");
                if (Tree.existing(metadata, "labels") == null || metadata.get("labels").isEmpty()) {
                    metadata.set("labels", labels.deepCopy());
                }
            }
            PodSpecDefaults.template(template);
        }
        Tree.number(spec, "replicas", 1);
    }
}
