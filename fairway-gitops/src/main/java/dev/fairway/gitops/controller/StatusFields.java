package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.diff.ResourceDiff;
import dev.fairway.gitops.diff.ResourceState;
import dev.fairway.gitops.health.Health;
import dev.fairway.gitops.sync.OperationRecord;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The parts of {@code Application.status} that are written in Argo CD's shape. */
final class StatusFields {

    private StatusFields() {}

    /** One {@code status.resources[]} entry. */
    static ObjectNode resource(ResourceDiff diff, Optional<Health> health) {
        ObjectNode entry = Json.object();
        ResourceKey key = diff.key();
        entry.put("group", key.group());
        entry.put("version", GroupVersionKind.of(diff.apiVersion(), key.kind()).version());
        entry.put("kind", key.kind());
        entry.put("namespace", key.namespace());
        entry.put("name", key.name());
        entry.put("status", diff.state().syncStatus());
        // Argo CD's ResourceStatus.syncWave (omitted when 0): the UI groups a running operation by it
        int wave = dev.fairway.gitops.sync.SyncOrder.wave(diff.desired() != null ? diff.desired() : diff.live());
        if (wave != 0) {
            entry.put("syncWave", wave);
        }
        health.ifPresent(h -> {
            ObjectNode node = entry.putObject("health").put("status", h.status().name());
            if (!h.message().isEmpty()) {
                node.put("message", h.message());
            }
        });
        if (diff.state() == ResourceState.REQUIRES_PRUNING) {
            entry.put("requiresPruning", true);
        }
        return entry;
    }

    /** {@code summary.images}: every container image the objects run, sorted, once each. */
    static ArrayNode images(List<ObjectNode> objects) {
        TreeSet<String> images = new TreeSet<>();
        objects.forEach(o -> collectImages(o, images));
        ArrayNode out = Json.object().arrayNode();
        images.forEach(out::add);
        return out;
    }

    private static void collectImages(JsonNode node, TreeSet<String> images) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue().isArray()) {
                    e.getValue().forEach(c -> {
                        if (c.path("image").isTextual()) {
                            images.add(c.path("image").asText());
                        }
                    });
                } else if (!e.getKey().equals("status") && !e.getKey().equals("metadata")) {
                    collectImages(e.getValue(), images);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectImages(item, images));
        }
    }

    /**
     * A {@code conditions[]} entry. The transition time is kept from the previous status when the
     * same condition was already there, so that it says since when, not when last seen.
     */
    static ObjectNode condition(String type, String message, JsonNode previousConditions, Instant now) {
        String since = OperationRecord.time(now);
        if (previousConditions != null && previousConditions.isArray()) {
            for (JsonNode old : previousConditions) {
                if (type.equals(old.path("type").asText()) && message.equals(old.path("message").asText())
                        && old.hasNonNull("lastTransitionTime")) {
                    since = old.get("lastTransitionTime").asText();
                }
            }
        }
        return Json.object().put("type", type).put("message", message).put("lastTransitionTime", since);
    }

    static ObjectNode copyOrEmpty(JsonNode node) {
        return node instanceof ObjectNode o ? o.deepCopy() : Json.object();
    }
}
