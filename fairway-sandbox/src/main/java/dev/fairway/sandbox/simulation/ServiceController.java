package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The cloud side of Services and Ingresses: a LoadBalancer Service gets an address from
 * 172.18.255.0/24 (as MetalLB on a kind cluster gives) after the configured delay, and loses it
 * when it stops being one; an Ingress gets the ingress controller's address after the same delay.
 */
final class ServiceController extends SimulatedController {

    static final String NAME = "service-controller";
    private static final String POOL = "172.18.255.";
    static final String INGRESS_ADDRESS = POOL + "200";
    private static final String INGRESS_PREFIX = "ingress:";

    ServiceController(SimulationContext ctx) {
        super(ctx, "services");
    }

    @Override
    void start() {
        try {
            for (ObjectNode s : ctx.service().list(ctx.kinds().services(), null, ListOptions.ALL).items()) {
                queue.add(Ref.of(s));
            }
            for (ObjectNode i : ctx.service().list(ctx.kinds().ingresses(), null, ListOptions.ALL).items()) {
                queue.add(new Ref(ObjectFields.namespace(i), INGRESS_PREFIX + ObjectFields.name(i)));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list services: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.deleted()) {
            return;
        }
        if (c.is("", "services")) {
            queue.add(c.ref());
        } else if (c.is("networking.k8s.io", "ingresses")) {
            queue.add(new Ref(c.ref().namespace(), INGRESS_PREFIX + c.ref().name()));
        }
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        if (ref.name().startsWith(INGRESS_PREFIX)) {
            return ingress(new Ref(ref.namespace(), ref.name().substring(INGRESS_PREFIX.length())));
        }
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().services(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())) {
            return null;
        }
        ObjectNode svc = found.get();
        if (!svc.path("status").has("loadBalancer")) {
            // every Service reports a (possibly empty) load balancer status, as a real API server returns it
            ObjectNode copy = svc.deepCopy();
            copy.with("status").putObject("loadBalancer");
            svc = ctx.service().update(ctx.kinds().services(), ref.namespace(), ref.name(), "status", copy, ObjectFields.as(NAME)).object();
        }
        boolean lb = "LoadBalancer".equals(svc.path("spec").path("type").asText());
        JsonNode ingress = svc.path("status").path("loadBalancer").path("ingress");
        if (!lb) {
            if (ingress.size() > 0) {
                ObjectNode copy = svc.deepCopy();
                copy.with("status").putObject("loadBalancer");
                ctx.service().update(ctx.kinds().services(), ref.namespace(), ref.name(), "status", copy, ObjectFields.as(NAME));
                ctx.events().normal(NAME, svc, "DeletedLoadBalancer", "Deleted load balancer");
            }
            return null;
        }
        if (ingress.size() > 0) {
            return null;
        }
        Duration wait = waitFor(svc);
        if (wait != null) {
            ctx.events().normal(NAME, svc, "EnsuringLoadBalancer", "Ensuring load balancer");
            return wait;
        }
        String ip = freeAddress();
        ObjectNode copy = svc.deepCopy();
        copy.with("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", ip).put("ipMode", "VIP");
        ctx.service().update(ctx.kinds().services(), ref.namespace(), ref.name(), "status", copy, ObjectFields.as(NAME));
        ctx.events().normal(NAME, svc, "EnsuredLoadBalancer", "Ensured load balancer");
        return null;
    }

    /** How long until the object is old enough to get its address, or null when it is. */
    private Duration waitFor(JsonNode obj) {
        Instant created = ObjectFields.time(obj.path("metadata").get("creationTimestamp"));
        Instant now = ctx.clock().instant();
        Instant at = (created == null ? now : created).plus(ctx.config().loadBalancerDelay());
        return at.isAfter(now) ? Duration.between(now, at).plusMillis(50) : null;
    }

    private String freeAddress() throws ApiException {
        Set<String> used = new HashSet<>();
        for (ObjectNode s : ctx.service().list(ctx.kinds().services(), null, ListOptions.ALL).items()) {
            for (JsonNode i : s.path("status").path("loadBalancer").path("ingress")) {
                used.add(i.path("ip").asText());
            }
        }
        for (int i = 1; i < 200; i++) {
            if (!used.contains(POOL + i)) {
                return POOL + i;
            }
        }
        return POOL + "199";
    }

    private Duration ingress(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().ingresses(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())
                || found.get().path("status").path("loadBalancer").path("ingress").size() > 0) {
            return null;
        }
        Duration wait = waitFor(found.get());
        if (wait != null) {
            return wait;
        }
        ObjectNode copy = found.get().deepCopy();
        copy.with("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", INGRESS_ADDRESS);
        ctx.service().update(ctx.kinds().ingresses(), ref.namespace(), ref.name(), "status", copy, ObjectFields.as("ingress-controller"));
        ctx.events().normal("ingress-controller", found.get(), "Sync", "Scheduled for sync");
        return null;
    }
}
