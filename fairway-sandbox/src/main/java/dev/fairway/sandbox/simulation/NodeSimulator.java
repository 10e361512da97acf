package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The simulated nodes: registers {@code sandbox-node-1..N} with capacity, addresses, zone labels
 * and conditions as a kubelet does, renews each node's Lease every 10 seconds (the heartbeat the
 * node lifecycle controller reads), reports node status every 5 minutes, taints cordoned nodes
 * and removes simulated nodes beyond the configured count.
 */
final class NodeSimulator extends SimulatedController {

    static final String SIMULATED_LABEL = "sandbox.fairway.dev/simulated";
    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final String KUBELET_VERSION = "v1.31.4";
    private static final String[] ZONES = {"a", "b", "c"};
    private static final Duration LEASE_RENEW = Duration.ofSeconds(10);
    private static final Duration STATUS_REPORT = Duration.ofMinutes(5);
    private static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

    NodeSimulator(SimulationContext ctx) {
        super(ctx, "nodes");
    }

    static String nodeName(int index) {
        return "sandbox-node-" + index;
    }

    /** The index of a simulated node's name, or 0 when the name is not one of ours. */
    static int indexOf(String nodeName) {
        if (!nodeName.startsWith("sandbox-node-")) {
            return 0;
        }
        try {
            return Integer.parseInt(nodeName.substring("sandbox-node-".length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String internalIp(int index) {
        return "172.18." + (index / 250) + "." + (index % 250 + 2);
    }

    static String podCidrBase(int index) {
        return "10." + (244 + index / 256) + "." + (index % 256);
    }

    @Override
    void start() {
        for (int i = 1; i <= ctx.config().nodes(); i++) {
            queue.add(new Ref("", nodeName(i)));
            queue.add(new Ref(LEASE_NAMESPACE, nodeName(i)));
        }
        try {
            for (ObjectNode n : ctx.service().list(ctx.kinds().nodes(), null, ListOptions.ALL).items()) {
                if ("true".equals(ObjectFields.labels(n).get(SIMULATED_LABEL))) {
                    queue.add(new Ref("", ObjectFields.name(n)));
                }
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list nodes: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("", "nodes") && indexOf(c.ref().name()) > 0) {
            queue.add(c.ref());
        } else if (c.is("coordination.k8s.io", "leases") && c.deleted() && LEASE_NAMESPACE.equals(c.ref().namespace())
                && indexOf(c.ref().name()) > 0) {
            queue.add(c.ref());
        }
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        int index = indexOf(ref.name());
        boolean wanted = index > 0 && index <= ctx.config().nodes();
        if (ref.namespace().equals(LEASE_NAMESPACE)) {
            return wanted ? renewLease(ref.name()) : null;
        }
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().nodes(), "", ref.name());
        if (!wanted) {
            if (found.isPresent() && "true".equals(ObjectFields.labels(found.get()).get(SIMULATED_LABEL))) {
                ctx.service().delete(ctx.kinds().nodes(), "", ref.name(), DeleteOptions.DEFAULT);
            }
            return null;
        }
        ObjectNode node = found.isPresent() ? found.get() : register(index);
        Instant now = ctx.clock().instant();
        boolean changed = taintWhenCordoned(node);
        if (changed) {
            node = ctx.service().update(ctx.kinds().nodes(), "", ref.name(), "", node, ObjectFields.as("node-controller")).object();
        }
        JsonNode ready = ObjectFields.condition(node, "Ready");
        Instant heartbeat = ready == null ? null : ObjectFields.time(ready.get("lastHeartbeatTime"));
        if (heartbeat == null || !heartbeat.plus(STATUS_REPORT).isAfter(now)) {
            ObjectNode updated = node.deepCopy();
            updated.set("status", status(index, node.path("status"), now));
            ctx.service().update(ctx.kinds().nodes(), "", ref.name(), "status", updated, ObjectFields.as("kubelet"));
            if (ready == null) {
                ctx.events().normal("kubelet", node, "NodeReady", "Node " + ref.name() + " status is now: NodeReady");
            }
            return STATUS_REPORT;
        }
        return Duration.between(now, heartbeat.plus(STATUS_REPORT));
    }

    private ObjectNode register(int index) throws ApiException {
        String name = nodeName(index);
        ObjectNode n = ObjectFields.NODES.objectNode();
        n.put("apiVersion", "v1");
        n.put("kind", "Node");
        ObjectNode m = n.putObject("metadata");
        m.put("name", name);
        ObjectNode labels = m.putObject("labels");
        labels.put("beta.kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put("node.kubernetes.io/instance-type", "m5.xlarge");
        labels.put("topology.kubernetes.io/region", "sandbox-1");
        labels.put("topology.kubernetes.io/zone", "sandbox-1" + ZONES[(index - 1) % ZONES.length]);
        labels.put(SIMULATED_LABEL, "true");
        ObjectNode ann = m.putObject("annotations");
        ann.put("node.alpha.kubernetes.io/ttl", "0");
        ann.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        ObjectNode spec = n.putObject("spec");
        String cidr = podCidrBase(index) + ".0/24";
        spec.put("podCIDR", cidr);
        spec.putArray("podCIDRs").add(cidr);
        spec.put("providerID", "fairway://sandbox/" + name);
        ObjectNode created = ctx.service().create(ctx.kinds().nodes(), "", n, ObjectFields.as("kubelet")).object();
        ctx.events().normal("kubelet", created, "Starting", "Starting kubelet.");
        ctx.events().normal("node-controller", created, "RegisteredNode", "Node " + name + " event: Registered Node " + name + " in Controller");
        return created;
    }

    /** Cordoned nodes carry the unschedulable taint, as the node lifecycle controller adds it. */
    private static boolean taintWhenCordoned(ObjectNode node) {
        boolean cordoned = node.path("spec").path("unschedulable").asBoolean(false);
        ObjectNode spec = node.with("spec");
        ArrayNode taints = spec.has("taints") && spec.get("taints").isArray() ? (ArrayNode) spec.get("taints") : null;
        int at = -1;
        for (int i = 0; taints != null && i < taints.size(); i++) {
            if (UNSCHEDULABLE_TAINT.equals(taints.get(i).path("key").asText())) {
                at = i;
            }
        }
        if (cordoned && at < 0) {
            ObjectNode t = (taints == null ? spec.putArray("taints") : taints).addObject();
            t.put("key", UNSCHEDULABLE_TAINT);
            t.put("effect", "NoSchedule");
            t.put("timeAdded", ObjectFields.stamp(Instant.now()));
            return true;
        }
        if (!cordoned && at >= 0) {
            taints.remove(at);
            if (taints.isEmpty()) {
                spec.remove("taints");
            }
            return true;
        }
        return false;
    }

    private ObjectNode status(int index, JsonNode old, Instant now) {
        ObjectNode s = ObjectFields.NODES.objectNode();
        ObjectNode capacity = s.putObject("capacity");
        capacity.put("cpu", "4");
        capacity.put("ephemeral-storage", "104845292Ki");
        capacity.put("hugepages-1Gi", "0");
        capacity.put("hugepages-2Mi", "0");
        capacity.put("memory", "16365384Ki");
        capacity.put("pods", "110");
        ObjectNode allocatable = s.putObject("allocatable");
        allocatable.put("cpu", "3920m");
        allocatable.put("ephemeral-storage", "96625420948");
        allocatable.put("hugepages-1Gi", "0");
        allocatable.put("hugepages-2Mi", "0");
        allocatable.put("memory", "15214408Ki");
        allocatable.put("pods", "110");
        nodeCondition(s, old, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now);
        nodeCondition(s, old, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now);
        nodeCondition(s, old, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now);
        nodeCondition(s, old, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now);
        ArrayNode addresses = s.putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", internalIp(index));
        addresses.addObject().put("type", "Hostname").put("address", nodeName(index));
        s.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
        ObjectNode info = s.putObject("nodeInfo");
        String machine = UUID.nameUUIDFromBytes(nodeName(index).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        info.put("architecture", "amd64");
        info.put("bootID", old.path("nodeInfo").path("bootID").asText(UUID.randomUUID().toString()));
        info.put("containerRuntimeVersion", "containerd://1.7.18");
        info.put("kernelVersion", "6.1.0-fairway");
        info.put("kubeProxyVersion", KUBELET_VERSION);
        info.put("kubeletVersion", KUBELET_VERSION);
        info.put("machineID", machine.replace("-", ""));
        info.put("operatingSystem", "linux");
        info.put("osImage", "Debian GNU/Linux 12 (bookworm)");
        info.put("systemUUID", machine);
        return s;
    }

    private static void nodeCondition(ObjectNode status, JsonNode old, String type, String value, String reason, String message, Instant now) {
        ObjectNode c = ObjectFields.setCondition(status, old, type, value, reason, message, now, false, false);
        // kubectl describe node prints the heartbeat first, as the kubelet writes it
        String transition = c.get("lastTransitionTime").asText();
        c.remove("lastTransitionTime");
        c.remove("reason");
        c.remove("message");
        c.put("lastHeartbeatTime", ObjectFields.stamp(now));
        c.put("lastTransitionTime", transition);
        c.put("reason", reason);
        c.put("message", message);
    }

    private Duration renewLease(String node) throws ApiException {
        Instant now = ctx.clock().instant();
        String renew = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MICROS));
        if (!renew.contains(".")) {
            renew = renew.replace("Z", ".000000Z");
        }
        Optional<ObjectNode> lease = ctx.service().find(ctx.kinds().leases(), LEASE_NAMESPACE, node);
        if (lease.isPresent()) {
            Instant last = ObjectFields.time(lease.get().path("spec").get("renewTime"));
            if (last != null && last.plus(LEASE_RENEW).isAfter(now)) {
                return Duration.between(now, last.plus(LEASE_RENEW));
            }
            ObjectNode updated = lease.get().deepCopy();
            updated.with("spec").put("renewTime", renew);
            ctx.service().update(ctx.kinds().leases(), LEASE_NAMESPACE, node, "", updated, ObjectFields.as("kubelet"));
            return LEASE_RENEW;
        }
        Optional<ObjectNode> owner = ctx.service().find(ctx.kinds().nodes(), "", node);
        if (owner.isEmpty()) {
            return Duration.ofMillis(200);
        }
        ObjectNode l = ObjectFields.NODES.objectNode();
        l.put("apiVersion", "coordination.k8s.io/v1");
        l.put("kind", "Lease");
        ObjectNode m = l.putObject("metadata");
        m.put("name", node);
        m.put("namespace", LEASE_NAMESPACE);
        ObjectNode ref = m.putArray("ownerReferences").addObject();
        ref.put("apiVersion", "v1");
        ref.put("kind", "Node");
        ref.put("name", node);
        ref.put("uid", ObjectFields.uid(owner.get()));
        ObjectNode spec = l.putObject("spec");
        spec.put("holderIdentity", node);
        spec.put("leaseDurationSeconds", 40);
        spec.put("renewTime", renew);
        ctx.service().create(ctx.kinds().leases(), LEASE_NAMESPACE, l, ObjectFields.as("kubelet"));
        return LEASE_RENEW;
    }
}
