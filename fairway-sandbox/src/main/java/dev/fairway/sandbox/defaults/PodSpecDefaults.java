package dev.fairway.sandbox.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Defaults of a pod spec wherever it appears (Pods and the templates of workload controllers),
 * plus the few that only a Pod itself gets. Also writes the empty structs Go always serialises
 * ({@code resources: {}}, a template's {@code creationTimestamp: null}) so that objects read
 * back look as they do from a real API server.
 */
final class PodSpecDefaults {

    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");
    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    private static final int DEFAULT_MODE = 0644; // 420 as JSON shows it

    private PodSpecDefaults() {}

    /** A Pod: pod-spec defaults, limits copied to absent requests, service links on. */
    static void pod(ObjectNode pod) {
        ObjectNode spec = Tree.child(pod, "spec");
        spec(spec);
        for (String list : List.of("initContainers", "containers")) {
            for (ObjectNode c : Tree.objects(spec, list)) {
                ObjectNode resources = Tree.child(c, "resources");
                ObjectNode limits = Tree.existing(resources, "limits");
                if (limits != null) {
                    ObjectNode requests = Tree.child(resources, "requests");
                    limits.fields().forEachRemaining(e -> {
                        if (!requests.has(e.getKey())) {
                            requests.set(e.getKey(), e.getValue().deepCopy());
                        }
                    });
                }
            }
        }
        Tree.bool(spec, "enableServiceLinks", true);
    }

    /** A PodTemplateSpec inside a controller. */
    static void template(ObjectNode template) {
        ObjectNode metadata = Tree.child(template, "metadata");
        if (!metadata.has("creationTimestamp")) {
            metadata.putNull("creationTimestamp");
        }
        spec(Tree.child(template, "spec"));
    }

    static void spec(ObjectNode spec) {
        Tree.text(spec, "dnsPolicy", "ClusterFirst");
        Tree.text(spec, "restartPolicy", "Always");
        if (Tree.absent(spec, "securityContext")) {
            spec.putObject("securityContext");
        }
        Tree.number(spec, "terminationGracePeriodSeconds", 30);
        Tree.text(spec, "schedulerName", "default-scheduler");
        boolean hostNetwork = spec.path("hostNetwork").asBoolean(false);
        for (String list : CONTAINER_LISTS) {
            for (ObjectNode c : Tree.objects(spec, list)) {
                container(c, hostNetwork && !list.equals("ephemeralContainers"));
            }
        }
        for (ObjectNode v : Tree.objects(spec, "volumes")) {
            volume(v);
        }
    }

    private static void container(ObjectNode c, boolean hostNetwork) {
        Tree.text(c, "imagePullPolicy", ImagePullPolicy.forImage(Tree.textOf(c, "image")));
        Tree.text(c, "terminationMessagePath", "/dev/termination-log");
        Tree.text(c, "terminationMessagePolicy", "File");
        if (Tree.absent(c, "resources")) {
            c.putObject("resources");
        }
        for (ObjectNode port : Tree.objects(c, "ports")) {
            Tree.text(port, "protocol", "TCP");
            // With host networking a container port is the host port.
            if (hostNetwork && port.path("hostPort").asLong(0) == 0 && port.has("containerPort")) {
                port.set("hostPort", port.get("containerPort").deepCopy());
            }
        }
        for (ObjectNode env : Tree.objects(c, "env")) {
            ObjectNode valueFrom = Tree.existing(env, "valueFrom");
            if (valueFrom != null) {
                fieldRef(Tree.existing(valueFrom, "fieldRef"));
                resourceFieldRef(Tree.existing(valueFrom, "resourceFieldRef"));
            }
        }
        for (String p : PROBES) {
            ObjectNode probe = Tree.existing(c, p);
            if (probe != null) {
                probe(probe);
            }
        }
        ObjectNode lifecycle = Tree.existing(c, "lifecycle");
        if (lifecycle != null) {
            for (String hook : List.of("postStart", "preStop")) {
                ObjectNode handler = Tree.existing(lifecycle, hook);
                if (handler != null) {
                    httpGet(Tree.existing(handler, "httpGet"));
                }
            }
        }
    }

    private static void probe(ObjectNode probe) {
        Tree.numberIfZero(probe, "timeoutSeconds", 1);
        Tree.numberIfZero(probe, "periodSeconds", 10);
        Tree.numberIfZero(probe, "successThreshold", 1);
        Tree.numberIfZero(probe, "failureThreshold", 3);
        httpGet(Tree.existing(probe, "httpGet"));
        ObjectNode grpc = Tree.existing(probe, "grpc");
        if (grpc != null && Tree.absent(grpc, "service")) {
            grpc.put("service", "");
        }
    }

    private static void httpGet(ObjectNode httpGet) {
        if (httpGet != null) {
            Tree.text(httpGet, "path", "/");
            Tree.text(httpGet, "scheme", "HTTP");
        }
    }

    private static void fieldRef(ObjectNode fieldRef) {
        if (fieldRef != null) {
            Tree.text(fieldRef, "apiVersion", "v1");
        }
    }

    private static void resourceFieldRef(ObjectNode ref) {
        // Divisor is a Quantity value type: Go writes "0" when it is unset.
        if (ref != null && Tree.absent(ref, "divisor")) {
            ref.put("divisor", "0");
        }
    }

    private static void volume(ObjectNode v) {
        boolean hasSource = false;
        var names = v.fieldNames();
        while (names.hasNext()) {
            if (!names.next().equals("name")) {
                hasSource = true;
            }
        }
        if (!hasSource) {
            v.putObject("emptyDir");
            return;
        }
        for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
            ObjectNode s = Tree.existing(v, source);
            if (s != null) {
                Tree.number(s, "defaultMode", DEFAULT_MODE);
            }
        }
        downwardApiItems(Tree.existing(v, "downwardAPI"));
        ObjectNode projected = Tree.existing(v, "projected");
        if (projected != null) {
            for (ObjectNode src : Tree.objects(projected, "sources")) {
                downwardApiItems(Tree.existing(src, "downwardAPI"));
                ObjectNode token = Tree.existing(src, "serviceAccountToken");
                if (token != null) {
                    Tree.number(token, "expirationSeconds", 3600);
                }
            }
        }
        ObjectNode hostPath = Tree.existing(v, "hostPath");
        if (hostPath != null && Tree.absent(hostPath, "type")) {
            hostPath.set("type", JsonNodeFactory.instance.textNode(""));
        }
        ObjectNode iscsi = Tree.existing(v, "iscsi");
        if (iscsi != null) {
            Tree.text(iscsi, "iscsiInterface", "default");
        }
    }

    private static void downwardApiItems(JsonNode downwardApi) {
        for (ObjectNode item : Tree.objects(downwardApi, "items")) {
            fieldRef(Tree.existing(item, "fieldRef"));
            resourceFieldRef(Tree.existing(item, "resourceFieldRef"));
        }
    }
}
