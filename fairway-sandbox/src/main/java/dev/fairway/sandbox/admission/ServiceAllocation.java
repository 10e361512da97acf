package dev.fairway.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.Admission;
import dev.fairway.sandbox.api.AdmissionRequest;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.FieldError;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.store.ObjectStore;
import dev.fairway.sandbox.store.StoredObject;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Allocates Service cluster IPs (from 10.96.0.0/12, as kubeadm clusters do) and node ports
 * (30000-32767), and keeps them stable across updates, as the Service REST storage does.
 */
public final class ServiceAllocation implements Admission {

    private static final int BASE = (10 << 24) | (96 << 16);
    private static final int SIZE = 1 << 20;

    private final ObjectStore store;
    private final Random random = new Random();

    public ServiceAllocation(ObjectStore store) {
        this.store = store;
    }

    @Override
    public synchronized void admit(AdmissionRequest req) throws ApiException {
        ResourceType t = req.type();
        if (!t.group().isEmpty() || !t.plural().equals("services") || req.operation() == AdmissionRequest.Operation.DELETE
                || "status".equals(req.subresource())) {
            return;
        }
        ObjectNode spec = req.object().with("spec");
        String type = spec.path("type").asText("ClusterIP");
        if (type.equals("ExternalName")) {
            spec.remove("clusterIP");
            spec.remove("clusterIPs");
            return;
        }
        JsonNode oldSpec = req.old() == null ? null : req.old().path("spec");
        String ip = spec.path("clusterIP").asText("");
        if (oldSpec != null && oldSpec.hasNonNull("clusterIP")) {
            String oldIp = oldSpec.get("clusterIP").asText();
            if (ip.isEmpty()) {
                ip = oldIp;
            } else if (!ip.equals(oldIp)) {
                throw ApiException.invalid(t, req.object().path("metadata").path("name").asText(),
                        List.of(FieldError.invalid("spec.clusterIPs[0]", "[]string{\"" + ip + "\"}", "may not change once set")));
            }
        }
        if (ip.isEmpty()) {
            ip = allocateIp();
        }
        spec.put("clusterIP", ip);
        spec.putArray("clusterIPs").add(ip);
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            Set<Integer> used = usedNodePorts();
            JsonNode oldPorts = oldSpec == null ? null : oldSpec.path("ports");
            int i = 0;
            for (JsonNode p : spec.path("ports")) {
                if (!p.hasNonNull("nodePort") || p.get("nodePort").asInt() == 0) {
                    int keep = oldPorts != null && oldPorts.has(i) ? oldPorts.get(i).path("nodePort").asInt(0) : 0;
                    int port = keep != 0 ? keep : allocatePort(used);
                    ((ObjectNode) p).put("nodePort", port);
                    used.add(port);
                }
                i++;
            }
        }
    }

    private String allocateIp() {
        Set<String> used = new HashSet<>();
        for (StoredObject s : store.list(dev.fairway.sandbox.store.ObjectKey.prefix("", "services", null), null, 0)) {
            String json = new String(s.json(), java.nio.charset.StandardCharsets.UTF_8);
            int i = json.indexOf("\"clusterIP\":\"");
            if (i >= 0) {
                used.add(json.substring(i + 13, json.indexOf('"', i + 13)));
            }
        }
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int n = BASE + 2 + random.nextInt(SIZE - 3);
            String ip = ((n >>> 24) & 255) + "." + ((n >>> 16) & 255) + "." + ((n >>> 8) & 255) + "." + (n & 255);
            if (!used.contains(ip)) {
                return ip;
            }
        }
        throw new IllegalStateException("the service IP range 10.96.0.0/12 is full");
    }

    private Set<Integer> usedNodePorts() {
        Set<Integer> used = new HashSet<>();
        for (StoredObject s : store.list(dev.fairway.sandbox.store.ObjectKey.prefix("", "services", null), null, 0)) {
            String json = new String(s.json(), java.nio.charset.StandardCharsets.UTF_8);
            int i = json.indexOf("\"nodePort\":");
            while (i >= 0) {
                int end = i + 11;
                while (end < json.length() && Character.isDigit(json.charAt(end))) {
                    end++;
                }
                used.add(Integer.parseInt(json.substring(i + 11, end)));
                i = json.indexOf("\"nodePort\":", end);
            }
        }
        return used;
    }

    private int allocatePort(Set<Integer> used) throws ApiException {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int p = 30000 + random.nextInt(2768);
            if (!used.contains(p)) {
                return p;
            }
        }
        throw ApiException.internal("the node port range 30000-32767 is full");
    }

}
