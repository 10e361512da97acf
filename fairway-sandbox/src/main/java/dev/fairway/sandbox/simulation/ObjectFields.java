package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.AdmissionRequest.FieldValidation;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.WriteOptions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reading and building the parts of Kubernetes objects the simulated controllers share. */
final class ObjectFields {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ObjectFields() {}

    /** Writes as a named component (the field manager a real cluster's component would use). */
    static WriteOptions as(String manager) {
        return new WriteOptions(false, manager, FieldValidation.IGNORE, false);
    }

    static String name(JsonNode obj) {
        return obj.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode obj) {
        return obj.path("metadata").path("namespace").asText("");
    }

    static String uid(JsonNode obj) {
        return obj.path("metadata").path("uid").asText();
    }

    static boolean deleting(JsonNode obj) {
        return obj.path("metadata").hasNonNull("deletionTimestamp");
    }

    static String annotation(JsonNode obj, String key) {
        JsonNode v = obj.path("metadata").path("annotations").get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Map<String, String> labels(JsonNode obj) {
        Map<String, String> m = new HashMap<>();
        obj.path("metadata").path("labels").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** The uid of the controller owner of the given kind, or null. */
    static String controllerUid(JsonNode obj, String kind) {
        for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false) && kind.equals(ref.path("kind").asText())) {
                return ref.path("uid").asText();
            }
        }
        return null;
    }

    /** The name of the controller owner of the given kind, or null. */
    static String controllerName(JsonNode obj, String kind) {
        for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false) && kind.equals(ref.path("kind").asText())) {
                return ref.path("name").asText();
            }
        }
        return null;
    }

    static boolean controlledBy(JsonNode obj, JsonNode owner) {
        String uid = uid(owner);
        for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false) && uid.equals(ref.path("uid").asText())) {
                return true;
            }
        }
        return false;
    }

    /** An ownerReference making {@code owner} the controller of a dependent, as controllers set it. */
    static ObjectNode controllerRef(JsonNode owner) {
        ObjectNode ref = NODES.objectNode();
        ref.put("apiVersion", owner.path("apiVersion").asText());
        ref.put("kind", owner.path("kind").asText());
        ref.put("name", name(owner));
        ref.put("uid", uid(owner));
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }

    static Instant time(JsonNode node) {
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String stamp(Instant t) {
        return ObjectService.timestamp(t);
    }

    static JsonNode condition(JsonNode obj, String type) {
        for (JsonNode c : obj.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return null;
    }

    static boolean conditionTrue(JsonNode obj, String type) {
        JsonNode c = condition(obj, type);
        return c != null && "True".equals(c.path("status").asText());
    }

    /**
     * Sets a condition in a status, keeping lastTransitionTime when the status value did not change
     * (as every Kubernetes controller does).
     */
    static ObjectNode setCondition(ObjectNode status, JsonNode oldStatus, String type, String value, String reason,
                                   String message, Instant now, boolean withProbeTime, boolean withUpdateTime) {
        ArrayNode conds = status.has("conditions") && status.get("conditions").isArray()
                ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
        JsonNode old = null;
        for (JsonNode c : oldStatus == null ? NODES.arrayNode() : oldStatus.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                old = c;
            }
        }
        ObjectNode c = NODES.objectNode();
        c.put("type", type);
        c.put("status", value);
        if (withProbeTime) {
            c.putNull("lastProbeTime");
        }
        if (withUpdateTime) {
            c.put("lastUpdateTime", stamp(now));
        }
        boolean same = old != null && value.equals(old.path("status").asText());
        c.put("lastTransitionTime", same && old.hasNonNull("lastTransitionTime") ? old.get("lastTransitionTime").asText() : stamp(now));
        if (reason != null) {
            c.put("reason", reason);
        }
        if (message != null) {
            c.put("message", message);
        }
        for (int i = 0; i < conds.size(); i++) {
            if (type.equals(conds.get(i).path("type").asText())) {
                conds.set(i, c);
                return c;
            }
        }
        conds.add(c);
        return c;
    }

    /** Removes a condition from a status. */
    static void removeCondition(ObjectNode status, String type) {
        JsonNode conds = status.get("conditions");
        if (conds instanceof ArrayNode arr) {
            for (int i = arr.size() - 1; i >= 0; i--) {
                if (type.equals(arr.get(i).path("type").asText())) {
                    arr.remove(i);
                }
            }
        }
    }

    /**
     * Whether two trees hold the same JSON: numbers compare by value, since a number this process
     * wrote as a long reads back from the store as an int.
     */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return 1;
    };

    /** A JSON rendering with sorted keys, so that equal objects hash alike however they were written. */
    static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        canonical(node, sb);
        return sb.toString();
    }

    private static void canonical(JsonNode node, StringBuilder sb) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(NODES.textNode(e.getKey())).append(':');
                canonical(e.getValue(), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                canonical(node.get(i), sb);
            }
            sb.append(']');
        } else {
            sb.append(node.toString());
        }
    }

    /**
     * A template as the controllers compare templates: without the pod-template-hash label, and
     * with empty maps, lists and nulls dropped (Kubernetes' semantic equality treats empty and
     * absent alike, and kubectl rollout undo writes templates back without them).
     */
    static JsonNode semantic(JsonNode template) {
        JsonNode copy = template.deepCopy();
        JsonNode labels = copy.path("metadata").path("labels");
        if (labels instanceof ObjectNode l) {
            l.remove("pod-template-hash");
        }
        return prune(copy);
    }

    private static JsonNode prune(JsonNode node) {
        if (node instanceof ObjectNode o) {
            var it = o.fields();
            while (it.hasNext()) {
                var e = it.next();
                JsonNode v = prune(e.getValue());
                if (v.isNull() || (v.isContainerNode() && v.isEmpty())) {
                    it.remove();
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                prune(a.get(i));
            }
        }
        return node;
    }

    private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";

    /**
     * The hash controllers put in {@code pod-template-hash} and revision names: FNV-1a (32 bit)
     * of the object, its decimal digits mapped to consonants and digits that never spell words.
     */
    static String templateHash(JsonNode template, int collisionCount) {
        int h = 0x811c9dc5;
        String text = canonical(semantic(template)) + (collisionCount == 0 ? "" : Integer.toString(collisionCount));
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x01000193;
        }
        String digits = Long.toString(Integer.toUnsignedLong(h));
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            sb.append(SAFE.charAt(c % SAFE.length()));
        }
        return sb.toString();
    }

    /** A stable pseudo-random number in [0, 1) for an object, so that jitter survives restarts. */
    static double stableFraction(String seed) {
        long h = 1125899906842597L;
        for (int i = 0; i < seed.length(); i++) {
            h = 31 * h + seed.charAt(i);
        }
        // SplitMix64's finaliser: neighbouring seeds land far apart
        h += 0x9e3779b97f4a7c15L;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= (h >>> 31);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Resolves an int-or-percent (maxSurge, maxUnavailable) against a total. */
    static int intOrPercent(JsonNode v, int total, boolean roundUp, int dflt) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return dflt;
        }
        if (v.isNumber()) {
            return v.asInt();
        }
        String s = v.asText().trim();
        if (s.endsWith("%")) {
            double pct = Double.parseDouble(s.substring(0, s.length() - 1));
            double exact = pct * total / 100.0;
            return (int) (roundUp ? Math.ceil(exact) : Math.floor(exact));
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
