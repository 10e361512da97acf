package dev.fairway.sandbox.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Defaults of a v1 Service. Allocating the cluster IP and node ports is the caller's job; this
 * sets the single-stack IPv4 family fields a one-family cluster reports.
 */
final class ServiceDefaults {

    private static final int CLIENT_IP_TIMEOUT_SECONDS = 10800;

    private ServiceDefaults() {}

    static void service(ObjectNode svc) {
        ObjectNode spec = Tree.child(svc, "spec");
        Tree.text(spec, "sessionAffinity", "None");
        String affinity = spec.path("sessionAffinity").asText();
        if (affinity.equals("None")) {
            spec.remove("sessionAffinityConfig");
        } else if (affinity.equals("ClientIP")) {
            ObjectNode clientIP = Tree.child(Tree.child(spec, "sessionAffinityConfig"), "clientIP");
            Tree.number(clientIP, "timeoutSeconds", CLIENT_IP_TIMEOUT_SECONDS);
        }
        Tree.text(spec, "type", "ClusterIP");
        String type = spec.path("type").asText();
        for (ObjectNode port : Tree.objects(spec, "ports")) {
            Tree.text(port, "protocol", "TCP");
            JsonNode target = port.get("targetPort");
            boolean unset = target == null || target.isNull() || (target.isNumber() && target.asInt() == 0)
                    || (target.isTextual() && target.asText().isEmpty());
            if (unset && port.has("port")) {
                port.set("targetPort", port.get("port").deepCopy());
            }
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            Tree.text(spec, "externalTrafficPolicy", "Cluster");
        }
        if (type.equals("LoadBalancer")) {
            Tree.bool(spec, "allocateLoadBalancerNodePorts", true);
        }
        if (!type.equals("ExternalName")) {
            Tree.text(spec, "internalTrafficPolicy", "Cluster");
            Tree.text(spec, "ipFamilyPolicy", "SingleStack");
            if (Tree.absent(spec, "ipFamilies") || spec.get("ipFamilies").isEmpty()) {
                spec.putArray("ipFamilies").add("IPv4");
            }
        }
    }
}
