package dev.fairway.sandbox.table;

import static dev.fairway.sandbox.table.WorkloadPrinters.age;
import static dev.fairway.sandbox.table.WorkloadPrinters.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Printers for configuration, storage, nodes, namespaces and events. */
final class CorePrinters {

    private CorePrinters() {}

    static KindPrinter configMap() {
        return KindPrinter.of(List.of(Column.nameColumn(), Column.text("Data", "Number of data entries."), Column.ageColumn()),
                (obj, now) -> list(Fields.name(obj),
                        (long) (Fields.size(obj, "data") + Fields.size(obj, "binaryData")), age(obj, now)));
    }

    static KindPrinter secret() {
        return KindPrinter.of(List.of(Column.nameColumn(), Column.text("Type", "Used to facilitate programmatic handling of secret data."),
                        Column.text("Data", "Number of data entries."), Column.ageColumn()),
                (obj, now) -> list(Fields.name(obj), Fields.text(obj, "type"), (long) Fields.size(obj, "data"), age(obj, now)));
    }

    static KindPrinter namespace() {
        return KindPrinter.of(List.of(Column.nameColumn(), Column.text("Status", "The status of the namespace"), Column.ageColumn()),
                (obj, now) -> list(Fields.name(obj), Fields.text(obj, "status", "phase"), age(obj, now)));
    }

    static KindPrinter serviceAccount() {
        return KindPrinter.of(List.of(Column.nameColumn(), Column.text("Secrets", "Number of secrets of the service account."), Column.ageColumn()),
                (obj, now) -> list(Fields.name(obj), (long) Fields.size(obj, "secrets"), age(obj, now)));
    }

    static KindPrinter node() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Status", "The status of the node"),
                Column.text("Roles", "The roles of the node"),
                Column.ageColumn(),
                Column.text("Version", "Kubelet version reported by the node."),
                Column.text("Internal-IP", "The node's internal address.").wide(),
                Column.text("External-IP", "The node's external address.").wide(),
                Column.text("OS-Image", "OS image reported by the node.").wide(),
                Column.text("Kernel-Version", "Kernel version reported by the node.").wide(),
                Column.text("Container-Runtime", "Container runtime version reported by the node.").wide()),
                (node, now) -> {
                    List<String> status = new ArrayList<>();
                    for (JsonNode c : Fields.items(node, "status", "conditions")) {
                        if (Fields.text(c, "type").equals("Ready")) {
                            status.add(Fields.text(c, "status").equals("True") ? "Ready" : "NotReady");
                        }
                    }
                    if (status.isEmpty()) {
                        status.add("Unknown");
                    }
                    if (node.path("spec").path("unschedulable").asBoolean(false)) {
                        status.add("SchedulingDisabled");
                    }
                    TreeSet<String> roles = new TreeSet<>();
                    Fields.stringMap(node, "metadata", "labels").forEach((k, v) -> {
                        if (k.startsWith("node-role.kubernetes.io/") && k.length() > "node-role.kubernetes.io/".length()) {
                            roles.add(k.substring("node-role.kubernetes.io/".length()));
                        } else if (k.equals("kubernetes.io/role") && !v.isEmpty()) {
                            roles.add(v);
                        }
                    });
                    JsonNode info = node.path("status").path("nodeInfo");
                    return list(Fields.name(node),
                            String.join(",", status),
                            roles.isEmpty() ? "<none>" : String.join(",", roles),
                            age(node, now),
                            Fields.text(info, "kubeletVersion"),
                            nodeAddress(node, "InternalIP"),
                            nodeAddress(node, "ExternalIP"),
                            Fields.textOr("<unknown>", info, "osImage"),
                            Fields.textOr("<unknown>", info, "kernelVersion"),
                            Fields.textOr("<unknown>", info, "containerRuntimeVersion"));
                });
    }

    private static String nodeAddress(JsonNode node, String type) {
        for (JsonNode a : Fields.items(node, "status", "addresses")) {
            if (Fields.text(a, "type").equals(type)) {
                return Fields.text(a, "address");
            }
        }
        return "<none>";
    }

    static KindPrinter persistentVolume() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Capacity", "Storage capacity of the volume."),
                Column.text("Access Modes", "Ways the volume can be mounted."),
                Column.text("Reclaim Policy", "What happens to the volume when released from its claim."),
                Column.text("Status", "Phase of the volume."),
                Column.text("Claim", "The claim bound to this volume."),
                Column.text("StorageClass", "StorageClass of the pv"),
                Column.text("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
                Column.text("Reason", "Why the volume is in this phase."),
                Column.ageColumn(),
                Column.text("VolumeMode", "Whether the volume is a filesystem or a raw block device.").wide()),
                (pv, now) -> {
                    JsonNode spec = pv.path("spec");
                    String claim = "";
                    if (spec.path("claimRef").isObject()) {
                        claim = Fields.text(spec, "claimRef", "namespace") + "/" + Fields.text(spec, "claimRef", "name");
                    }
                    String phase = Fields.present(pv, "metadata", "deletionTimestamp") ? "Terminating" : Fields.text(pv, "status", "phase");
                    return list(Fields.name(pv),
                            Fields.text(spec, "capacity", "storage"),
                            accessModes(spec.path("accessModes")),
                            Fields.text(spec, "persistentVolumeReclaimPolicy"),
                            phase,
                            claim,
                            storageClass(pv),
                            Fields.textOr("<unset>", spec, "volumeAttributesClassName"),
                            Fields.text(pv, "status", "reason"),
                            age(pv, now),
                            Fields.textOr("<unset>", spec, "volumeMode"));
                });
    }

    static KindPrinter persistentVolumeClaim() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Status", "Phase of the claim."),
                Column.text("Volume", "The volume bound to this claim."),
                Column.text("Capacity", "Actual capacity of the bound volume."),
                Column.text("Access Modes", "Ways the bound volume can be mounted."),
                Column.text("StorageClass", "StorageClass of the pvc"),
                Column.text("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
                Column.ageColumn(),
                Column.text("VolumeMode", "Whether the claim wants a filesystem or a raw block device.").wide()),
                (pvc, now) -> {
                    JsonNode spec = pvc.path("spec");
                    String phase = Fields.present(pvc, "metadata", "deletionTimestamp") ? "Terminating" : Fields.text(pvc, "status", "phase");
                    String capacity = "";
                    String modes = "";
                    if (!Fields.text(spec, "volumeName").isEmpty()) {
                        modes = accessModes(pvc.path("status").path("accessModes"));
                        capacity = Fields.text(pvc, "status", "capacity", "storage");
                    }
                    return list(Fields.name(pvc), phase, Fields.text(spec, "volumeName"), capacity, modes,
                            storageClass(pvc),
                            Fields.textOr("<unset>", spec, "volumeAttributesClassName"),
                            age(pvc, now),
                            Fields.textOr("<unset>", spec, "volumeMode"));
                });
    }

    /** Access modes abbreviated in a fixed order: RWO, ROX, RWX, RWOP. */
    private static String accessModes(JsonNode modes) {
        List<String> present = new ArrayList<>();
        modes.forEach(m -> present.add(m.asText()));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : List.of(
                Map.entry("ReadWriteOnce", "RWO"), Map.entry("ReadOnlyMany", "ROX"),
                Map.entry("ReadWriteMany", "RWX"), Map.entry("ReadWriteOncePod", "RWOP"))) {
            if (present.contains(e.getKey())) {
                out.add(e.getValue());
            }
        }
        return String.join(",", out);
    }

    /** spec.storageClassName, or the beta annotation older manifests still use. */
    private static String storageClass(JsonNode obj) {
        String beta = Fields.text(obj, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class");
        if (!beta.isEmpty()) {
            return beta;
        }
        return Fields.text(obj, "spec", "storageClassName");
    }

    static KindPrinter storageClass() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Provisioner", "The provisioner that creates volumes of this class."),
                Column.text("ReclaimPolicy", "What happens to dynamically provisioned volumes when released."),
                Column.text("VolumeBindingMode", "When volumes are bound and provisioned."),
                Column.text("AllowVolumeExpansion", "Whether volumes of this class can be expanded."),
                Column.ageColumn()),
                (obj, now) -> {
                    String name = Fields.name(obj);
                    String isDefault = Fields.text(obj, "metadata", "annotations", "storageclass.kubernetes.io/is-default-class");
                    String betaDefault = Fields.text(obj, "metadata", "annotations", "storageclass.beta.kubernetes.io/is-default-class");
                    if (isDefault.equals("true") || betaDefault.equals("true")) {
                        name += " (default)";
                    }
                    return list(name, Fields.text(obj, "provisioner"),
                            Fields.textOr("Delete", obj, "reclaimPolicy"),
                            Fields.textOr("Immediate", obj, "volumeBindingMode"),
                            obj.path("allowVolumeExpansion").asBoolean(false),
                            age(obj, now));
                });
    }

    /**
     * Events of core/v1 and events.k8s.io/v1 (the latter names its fields differently). The server
     * always sends the wide cells, so the column order is the wide one.
     */
    static KindPrinter event() {
        return KindPrinter.of(List.of(
                Column.text("Last Seen", "Time the event was last seen."),
                Column.text("Type", "Type of the event (Normal, Warning)."),
                Column.text("Reason", "Why the event happened."),
                Column.text("Object", "The object the event is about."),
                Column.text("Subobject", "The part of the object the event is about.").wide(),
                Column.text("Source", "The component reporting the event.").wide(),
                Column.text("Message", "A human-readable description of the event."),
                Column.text("First Seen", "Time the event was first seen.").wide(),
                Column.text("Count", "Number of times the event occurred.").wide(),
                new Column("Name", "string", "name", "Name must be unique within a namespace.", 1)),
                CorePrinters::eventCells);
    }

    private static List<Object> eventCells(JsonNode ev, Instant now) {
        boolean modern = ev.has("regarding") || ev.has("note") || ev.has("deprecatedFirstTimestamp");
        JsonNode involved = modern ? ev.path("regarding") : ev.path("involvedObject");
        Instant first = Fields.time(ev, modern ? "deprecatedFirstTimestamp" : "firstTimestamp");
        Instant eventTime = Fields.time(ev, "eventTime");
        String firstSeen = first != null ? HumanDuration.since(first, now) : HumanDuration.since(eventTime, now);
        Instant last = Fields.time(ev, modern ? "deprecatedLastTimestamp" : "lastTimestamp");
        String lastSeen = last != null ? HumanDuration.since(last, now) : firstSeen;
        long count = Fields.number(ev, modern ? "deprecatedCount" : "count");
        if (ev.path("series").isObject()) {
            lastSeen = HumanDuration.since(Fields.time(ev, "series", "lastObservedTime"), now);
            count = Fields.number(ev, "series", "count");
        } else if (count == 0) {
            // Singleton events of the new API carry no count.
            count = 1;
        }
        String kind = Fields.text(involved, "kind").toLowerCase();
        String target = Fields.text(involved, "name").isEmpty() ? kind : kind + "/" + Fields.text(involved, "name");
        String component = Fields.text(ev, modern ? "deprecatedSource" : "source", "component");
        String host = Fields.text(ev, modern ? "deprecatedSource" : "source", "host");
        if (component.isEmpty()) {
            component = Fields.text(ev, "reportingController");
        }
        if (host.isEmpty()) {
            host = Fields.text(ev, "reportingInstance");
        }
        String source = host.isEmpty() ? component : component + ", " + host;
        return list(lastSeen, Fields.text(ev, "type"), Fields.text(ev, "reason"), target,
                Fields.text(involved, "fieldPath"), source,
                Fields.text(ev, modern ? "note" : "message").strip(),
                firstSeen, count, Fields.name(ev));
    }

    static KindPrinter resourceQuota() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Request", "Request represents a minimum amount of cpu/memory that a container may consume."),
                Column.text("Limit", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
                Column.ageColumn()),
                (obj, now) -> {
                    Map<String, String> hard = Fields.stringMap(obj, "status", "hard");
                    Map<String, String> used = Fields.stringMap(obj, "status", "used");
                    List<String> requests = new ArrayList<>();
                    List<String> limits = new ArrayList<>();
                    hard.forEach((resource, value) -> {
                        String entry = resource + ": " + used.getOrDefault(resource, "0") + "/" + value;
                        (resource.startsWith("limits.") ? limits : requests).add(entry);
                    });
                    return list(Fields.name(obj), String.join(", ", requests), String.join(", ", limits), age(obj, now));
                });
    }
}
