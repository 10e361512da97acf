package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events as the cluster's components do ({@code kubectl describe} and
 * {@code kubectl get events} show them). An Event that cannot be written is logged and dropped:
 * events are best effort on a real cluster too.
 */
final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final ObjectService service;
    private final Kinds kinds;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    EventRecorder(ObjectService service, Kinds kinds, Clock clock) {
        this.service = service;
        this.kinds = kinds;
        this.clock = clock;
    }

    void normal(String component, JsonNode about, String reason, String message) {
        record(component, about, "Normal", reason, message);
    }

    void warning(String component, JsonNode about, String reason, String message) {
        record(component, about, "Warning", reason, message);
    }

    private void record(String component, JsonNode about, String type, String reason, String message) {
        Instant now = clock.instant();
        JsonNode meta = about.path("metadata");
        String ns = meta.path("namespace").asText("");
        if (ns.isEmpty()) {
            ns = "default";
        }
        long unique = now.getEpochSecond() * 1_000_000_000L + now.getNano() + sequence.incrementAndGet();
        ObjectNode e = ObjectFields.NODES.objectNode();
        e.put("apiVersion", "v1");
        e.put("kind", "Event");
        ObjectNode m = e.putObject("metadata");
        m.put("name", meta.path("name").asText() + "." + Long.toHexString(unique));
        m.put("namespace", ns);
        ObjectNode inv = e.putObject("involvedObject");
        inv.put("apiVersion", about.path("apiVersion").asText());
        inv.put("kind", about.path("kind").asText());
        if (meta.hasNonNull("namespace")) {
            inv.put("namespace", meta.get("namespace").asText());
        }
        inv.put("name", meta.path("name").asText());
        inv.put("uid", meta.path("uid").asText());
        if (meta.hasNonNull("resourceVersion")) {
            inv.put("resourceVersion", meta.get("resourceVersion").asText());
        }
        e.put("reason", reason);
        e.put("message", message);
        ObjectNode source = e.putObject("source");
        source.put("component", component);
        String host = about.path("spec").path("nodeName").asText("");
        if (component.equals("kubelet") && !host.isEmpty()) {
            source.put("host", host);
        }
        String ts = ObjectFields.stamp(now);
        e.put("firstTimestamp", ts);
        e.put("lastTimestamp", ts);
        e.put("count", 1);
        e.put("type", type);
        e.putNull("eventTime");
        e.put("reportingComponent", component);
        e.put("reportingInstance", host.isEmpty() ? "" : host);
        try {
            service.create(kinds.events(), ns, e, ObjectFields.as(component));
        } catch (ApiException | RuntimeException ex) {
            LOG.debug("event=event_dropped reason={} object={}/{} error={}", reason, ns, meta.path("name").asText(), ex.toString());
        }
    }
}
