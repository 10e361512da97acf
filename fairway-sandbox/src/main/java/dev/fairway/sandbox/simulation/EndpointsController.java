package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.select.FieldSelector;
import dev.fairway.kube.select.LabelSelector;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints and EndpointSlice controllers: for every Service with a selector, the Endpoints
 * of the same name list the ready pods' IPs as addresses and the others as notReadyAddresses,
 * and one EndpointSlice (owned by the Service) lists them with ready/serving/terminating
 * conditions, the node and the zone. Target ports given by name are resolved on each pod.
 */
final class EndpointsController extends SimulatedController {

    static final String NAME = "endpoint-controller";
    static final String SLICE_MANAGER = "endpointslice-controller.k8s.io";

    /** The selectors of the Services, so that a pod change finds its Services without a read. */
    private final Map<Ref, LabelSelector> selectors = new HashMap<>();

    EndpointsController(SimulationContext ctx) {
        super(ctx, "endpoints");
    }

    @Override
    void start() {
        try {
            for (ObjectNode s : ctx.service().list(ctx.kinds().services(), null, ListOptions.ALL).items()) {
                remember(Ref.of(s), s, false);
                queue.add(Ref.of(s));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list services: " + e.getMessage(), e);
        }
    }

    private synchronized void remember(Ref ref, JsonNode svc, boolean deleted) {
        JsonNode sel = svc.path("spec").path("selector");
        if (deleted || !sel.isObject() || sel.isEmpty()) {
            selectors.remove(ref);
        } else {
            ObjectNode wrapped = ObjectFields.NODES.objectNode();
            wrapped.set("matchLabels", sel);
            selectors.put(ref, LabelSelector.fromObject(wrapped));
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("", "services")) {
            remember(c.ref(), c.object(), c.deleted());
            queue.add(c.ref());
        } else if (c.is("", "pods")) {
            Map<String, String> now = ObjectFields.labels(c.object());
            Map<String, String> before = c.previous() == null ? now : ObjectFields.labels(c.previous());
            List<Ref> hit = new ArrayList<>();
            synchronized (this) {
                for (Map.Entry<Ref, LabelSelector> e : selectors.entrySet()) {
                    if (e.getKey().namespace().equals(c.ref().namespace())
                            && (e.getValue().matches(now) || e.getValue().matches(before))) {
                        hit.add(e.getKey());
                    }
                }
            }
            hit.forEach(queue::add);
        }
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().services(), ref.namespace(), ref.name());
        if (found.isEmpty()) {
            Optional<ObjectNode> ep = ctx.service().find(ctx.kinds().endpoints(), ref.namespace(), ref.name());
            if (ep.isPresent()) {
                try {
                    ctx.service().delete(ctx.kinds().endpoints(), ref.namespace(), ref.name(), DeleteOptions.DEFAULT);
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
            return null;
        }
        ObjectNode svc = found.get();
        JsonNode sel = svc.path("spec").path("selector");
        if (!sel.isObject() || sel.isEmpty() || ObjectFields.deleting(svc)) {
            return null;
        }
        ObjectNode wrapped = ObjectFields.NODES.objectNode();
        wrapped.set("matchLabels", sel);
        List<ObjectNode> pods = ctx.service().list(ctx.kinds().pods(), ref.namespace(),
                new ListOptions(LabelSelector.fromObject(wrapped), FieldSelector.EVERYTHING, 0, null)).items();
        pods.sort((a, b) -> ObjectFields.name(a).compareTo(ObjectFields.name(b)));
        boolean publishNotReady = svc.path("spec").path("publishNotReadyAddresses").asBoolean(false);
        ArrayNode ready = ObjectFields.NODES.arrayNode();
        ArrayNode notReady = ObjectFields.NODES.arrayNode();
        ArrayNode sliceEndpoints = ObjectFields.NODES.arrayNode();
        ArrayNode ports = null;
        for (ObjectNode p : pods) {
            String ip = p.path("status").path("podIP").asText("");
            String phase = p.path("status").path("phase").asText("");
            if (ip.isEmpty() || phase.equals("Succeeded") || phase.equals("Failed")) {
                continue;
            }
            boolean terminating = ObjectFields.deleting(p);
            boolean isReady = OwnedPods.ready(p) || publishNotReady;
            if (ports == null) {
                ports = resolvePorts(svc, p);
            }
            ObjectNode target = ObjectFields.NODES.objectNode();
            target.put("kind", "Pod");
            target.put("namespace", ref.namespace());
            target.put("name", ObjectFields.name(p));
            target.put("uid", ObjectFields.uid(p));
            String node = p.path("spec").path("nodeName").asText("");
            if (!terminating) {
                ObjectNode addr = ObjectFields.NODES.objectNode();
                addr.put("ip", ip);
                if (!node.isEmpty()) {
                    addr.put("nodeName", node);
                }
                addr.set("targetRef", target.deepCopy());
                (isReady ? ready : notReady).add(addr);
            }
            ObjectNode ep = sliceEndpoints.addObject();
            ep.putArray("addresses").add(ip);
            ObjectNode cond = ep.putObject("conditions");
            cond.put("ready", isReady && !terminating);
            cond.put("serving", OwnedPods.ready(p));
            cond.put("terminating", terminating);
            if (!node.isEmpty()) {
                ep.put("nodeName", node);
                int index = NodeSimulator.indexOf(node);
                if (index > 0) {
                    ep.put("zone", "sandbox-1" + "abc".charAt((index - 1) % 3));
                }
            }
            ep.set("targetRef", target);
        }
        writeEndpoints(svc, ready, notReady, ports);
        writeSlice(svc, sliceEndpoints, ports);
        return null;
    }

    private static ArrayNode resolvePorts(JsonNode svc, JsonNode pod) {
        ArrayNode out = ObjectFields.NODES.arrayNode();
        for (JsonNode sp : svc.path("spec").path("ports")) {
            JsonNode target = sp.get("targetPort");
            int port;
            if (target == null || target.isNull()) {
                port = sp.path("port").asInt();
            } else if (target.isNumber() || target.asText().matches("\\d+")) {
                port = target.asInt();
            } else {
                port = -1;
                for (JsonNode c : pod.path("spec").path("containers")) {
                    for (JsonNode cp : c.path("ports")) {
                        if (target.asText().equals(cp.path("name").asText())) {
                            port = cp.path("containerPort").asInt();
                        }
                    }
                }
                if (port < 0) {
                    continue;
                }
            }
            ObjectNode p = out.addObject();
            if (sp.hasNonNull("name")) {
                p.put("name", sp.get("name").asText());
            }
            p.put("port", port);
            p.put("protocol", sp.path("protocol").asText("TCP"));
            if (sp.hasNonNull("appProtocol")) {
                p.set("appProtocol", sp.get("appProtocol"));
            }
        }
        return out;
    }

    private void writeEndpoints(ObjectNode svc, ArrayNode ready, ArrayNode notReady, ArrayNode ports) throws ApiException {
        String ns = ObjectFields.namespace(svc);
        String name = ObjectFields.name(svc);
        ObjectNode ep = ObjectFields.NODES.objectNode();
        ep.put("apiVersion", "v1");
        ep.put("kind", "Endpoints");
        ObjectNode meta = ep.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", ns);
        JsonNode labels = svc.path("metadata").path("labels");
        if (labels.isObject() && labels.size() > 0) {
            meta.set("labels", labels.deepCopy());
        }
        if (ready.size() > 0 || notReady.size() > 0) {
            ObjectNode subset = ep.putArray("subsets").addObject();
            if (ready.size() > 0) {
                subset.set("addresses", ready);
            }
            if (notReady.size() > 0) {
                subset.set("notReadyAddresses", notReady);
            }
            subset.set("ports", ports == null ? ObjectFields.NODES.arrayNode() : ports);
        }
        Optional<ObjectNode> existing = ctx.service().find(ctx.kinds().endpoints(), ns, name);
        if (existing.isEmpty()) {
            ctx.service().create(ctx.kinds().endpoints(), ns, ep, ObjectFields.as(NAME));
            return;
        }
        ObjectNode current = existing.get();
        if (ObjectFields.same(current.path("subsets"), ep.path("subsets")) && current.path("metadata").path("labels").equals(meta.path("labels"))) {
            return;
        }
        ObjectNode updated = current.deepCopy();
        if (ep.has("subsets")) {
            updated.set("subsets", ep.get("subsets"));
        } else {
            updated.remove("subsets");
        }
        if (meta.has("labels")) {
            updated.with("metadata").set("labels", meta.get("labels"));
        }
        ctx.service().update(ctx.kinds().endpoints(), ns, name, "", updated, ObjectFields.as(NAME));
    }

    private void writeSlice(ObjectNode svc, ArrayNode endpoints, ArrayNode ports) throws ApiException {
        String ns = ObjectFields.namespace(svc);
        String name = ObjectFields.name(svc) + "-" + ObjectFields.templateHash(ObjectFields.NODES.textNode(ObjectFields.uid(svc)), 0)
                .substring(0, 5);
        ObjectNode slice = ObjectFields.NODES.objectNode();
        slice.put("apiVersion", "discovery.k8s.io/v1");
        slice.put("kind", "EndpointSlice");
        ObjectNode meta = slice.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", ns);
        meta.put("generateName", ObjectFields.name(svc) + "-");
        ObjectNode labels = meta.putObject("labels");
        svc.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        labels.put("endpointslice.kubernetes.io/managed-by", SLICE_MANAGER);
        labels.put("kubernetes.io/service-name", ObjectFields.name(svc));
        meta.putArray("ownerReferences").add(ObjectFields.controllerRef(svc));
        slice.put("addressType", "IPv4");
        slice.set("endpoints", endpoints);
        slice.set("ports", ports == null ? ObjectFields.NODES.arrayNode() : ports);
        Optional<ObjectNode> existing = ctx.service().find(ctx.kinds().endpointSlices(), ns, name);
        if (existing.isEmpty()) {
            ctx.service().create(ctx.kinds().endpointSlices(), ns, slice, ObjectFields.as(SLICE_MANAGER));
            return;
        }
        ObjectNode current = existing.get();
        if (ObjectFields.same(current.path("endpoints"), endpoints) && ObjectFields.same(current.path("ports"), slice.get("ports"))) {
            return;
        }
        ObjectNode updated = current.deepCopy();
        updated.set("endpoints", endpoints);
        updated.set("ports", slice.get("ports"));
        ctx.service().update(ctx.kinds().endpointSlices(), ns, name, "", updated, ObjectFields.as(SLICE_MANAGER));
    }
}
