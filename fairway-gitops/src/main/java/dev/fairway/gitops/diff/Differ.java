package dev.fairway.gitops.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.cluster.ClusterWriteException;
import dev.fairway.gitops.cluster.ClusterWriter;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.kube.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares an application's desired objects with the live ones, as Argo CD's server-side diff
 * does: the desired object is applied in dry-run mode, and what the cluster would then hold
 * (defaults, admission changes, fields of other managers) is compared with what it holds now.
 */
public final class Differ {

    private final ClusterWriter cluster;
    private final Normalizer normalizer = new Normalizer();

    public Differ(ClusterWriter cluster) {
        this.cluster = cluster;
    }

    /**
     * @param desired the objects from git, ready to apply (namespaced, tracking mark set)
     * @param live the application's objects in the cluster, by key
     */
    public Comparison compare(List<ObjectNode> desired, Map<ResourceKey, ObjectNode> live, IgnoredFields ignored) {
        Map<ResourceKey, ResourceDiff> out = new TreeMap<>();
        for (ObjectNode object : desired) {
            ResourceKey key = ResourceKey.of(object);
            out.put(key, compareOne(key, object, live.get(key), ignored));
        }
        live.forEach((key, object) -> {
            if (!out.containsKey(key)) {
                String diff = text(normalizer.normalize(object), null, key);
                out.put(key, new ResourceDiff(key, ResourceState.REQUIRES_PRUNING, null, object, diff, ""));
            }
        });
        return new Comparison(new ArrayList<>(out.values()));
    }

    private ResourceDiff compareOne(ResourceKey key, ObjectNode desired, ObjectNode live, IgnoredFields ignored) {
        if (live == null) {
            return new ResourceDiff(key, ResourceState.MISSING, desired, null, text(null, normalizer.normalize(desired), key), "");
        }
        ObjectNode predicted;
        String message = "";
        try {
            predicted = cluster.apply(desired, true);
        } catch (ClusterWriteException e) {
            // the apply will fail the same way; show the object as git has it and say why
            predicted = desired;
            message = e.getMessage();
        }
        ObjectNode liveSide = ignored.strip(normalizer.normalize(live), live);
        ObjectNode predictedSide = ignored.strip(normalizer.normalize(predicted), live);
        if (liveSide.equals(predictedSide) && message.isEmpty()) {
            return new ResourceDiff(key, ResourceState.SYNCED, desired, live, "", "");
        }
        return new ResourceDiff(key, ResourceState.OUT_OF_SYNC, desired, live, text(liveSide, predictedSide, key), message);
    }

    private static String text(ObjectNode live, ObjectNode predicted, ResourceKey key) {
        ObjectNode left = live == null ? null : live.deepCopy();
        ObjectNode right = predicted == null ? null : predicted.deepCopy();
        SecretMask.mask(left, right);
        return UnifiedDiff.between(left == null ? "" : Json.yaml(sorted(left)), right == null ? "" : Json.yaml(sorted(right)),
                "live " + key, "desired " + key);
    }

    /** Keys in name order, so that the text diff shows changes, not the order fields came in. */
    private static com.fasterxml.jackson.databind.JsonNode sorted(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            new TreeMap<>(Map.copyOf(toMap(object))).forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            com.fasterxml.jackson.databind.node.ArrayNode out = array.arrayNode();
            array.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }

    private static Map<String, com.fasterxml.jackson.databind.JsonNode> toMap(ObjectNode object) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> map = new java.util.HashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
