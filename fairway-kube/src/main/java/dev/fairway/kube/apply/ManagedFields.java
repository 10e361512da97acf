package dev.fairway.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads and writes {@code metadata.managedFields} as the API server stores it. */
public final class ManagedFields {

    /** Kubernetes' order: appliers before updaters, then oldest first, then by manager, version and subresource. */
    private static final Comparator<ManagedFieldsEntry> ORDER = Comparator
            .comparing(ManagedFieldsEntry::operation)
            .thenComparingLong(e -> e.time() == null ? 0 : e.time().getEpochSecond())
            .thenComparing(ManagedFieldsEntry::manager)
            .thenComparing(e -> e.apiVersion() == null ? "" : e.apiVersion())
            .thenComparing(ManagedFieldsEntry::subresource);

    static final int MAX_UPDATERS = 10;
    static final String ANCIENT_CHANGES = "ancient-changes";

    private ManagedFields() {}

    /** The entries of an object; an object without {@code metadata.managedFields} has none. */
    public static List<ManagedFieldsEntry> of(JsonNode object) {
        JsonNode list = object == null ? null : object.path("metadata").get("managedFields");
        return list == null || list.isNull() ? List.of() : decode(list);
    }

    /**
     * Decodes a {@code managedFields} list.
     *
     * @throws IllegalArgumentException naming the entry when it is not a list of valid entries
     */
    public static List<ManagedFieldsEntry> decode(JsonNode list) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("managedFields must be a list");
        }
        List<ManagedFieldsEntry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String where = "managedFields[" + i + "]";
            if (!e.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            String fieldsType = e.path("fieldsType").asText("");
            if (!fieldsType.equals("FieldsV1")) {
                throw new IllegalArgumentException(where + ".fieldsType: Unsupported value: \"" + fieldsType
                        + "\": supported values: \"FieldsV1\"");
            }
            String operation = e.path("operation").asText("");
            if (!operation.equals(ManagedFieldsEntry.APPLY) && !operation.equals(ManagedFieldsEntry.UPDATE)) {
                throw new IllegalArgumentException(where + ".operation: Unsupported value: \"" + operation
                        + "\": supported values: \"Apply\", \"Update\"");
            }
            Instant time = null;
            if (e.hasNonNull("time")) {
                try {
                    time = Instant.parse(e.get("time").asText());
                } catch (DateTimeParseException ex) {
                    throw new IllegalArgumentException(where + ".time: \"" + e.get("time").asText()
                            + "\" is not an RFC 3339 time");
                }
            }
            FieldSet fields;
            try {
                fields = FieldSet.fromFieldsV1(e.has("fieldsV1") ? e.get("fieldsV1") : JsonNodeFactory.instance.objectNode());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ".fieldsV1: " + ex.getMessage(), ex);
            }
            out.add(new ManagedFieldsEntry(e.path("manager").asText(""), operation,
                    e.hasNonNull("apiVersion") ? e.get("apiVersion").asText() : null, time,
                    e.path("subresource").asText(""), fields));
        }
        return out;
    }

    /** Encodes entries in Kubernetes' order, times in whole seconds. */
    public static ArrayNode encode(List<ManagedFieldsEntry> entries) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        entries.stream().sorted(ORDER).forEach(e -> {
            ObjectNode o = out.addObject();
            o.put("manager", e.manager());
            o.put("operation", e.operation());
            if (e.apiVersion() != null) {
                o.put("apiVersion", e.apiVersion());
            }
            if (e.time() != null) {
                o.put("time", e.time().truncatedTo(ChronoUnit.SECONDS).toString());
            }
            o.put("fieldsType", "FieldsV1");
            o.set("fieldsV1", e.fields().toFieldsV1());
            if (!e.subresource().isEmpty()) {
                o.put("subresource", e.subresource());
            }
        });
        return out;
    }

    /**
     * Keeps at most {@value #MAX_UPDATERS} Update entries, as Kubernetes does: the oldest are merged into one
     * {@code ancient-changes} entry so that objects written by many clients do not grow without bound.
     */
    static List<ManagedFieldsEntry> capUpdaters(List<ManagedFieldsEntry> entries) {
        List<ManagedFieldsEntry> updaters = entries.stream()
                .filter(e -> e.operation().equals(ManagedFieldsEntry.UPDATE))
                .sorted(Comparator.comparingLong((ManagedFieldsEntry e) -> e.time() == null ? 0 : e.time().getEpochSecond())
                        .thenComparing(ManagedFieldsEntry::manager))
                .toList();
        if (updaters.size() <= MAX_UPDATERS) {
            return entries;
        }
        List<ManagedFieldsEntry> oldest = updaters.subList(0, updaters.size() - MAX_UPDATERS + 1);
        FieldSet fields = FieldSet.empty();
        for (ManagedFieldsEntry e : oldest) {
            fields = fields.union(e.fields());
        }
        ManagedFieldsEntry newest = oldest.get(oldest.size() - 1);
        List<ManagedFieldsEntry> out = new ArrayList<>(entries);
        out.removeAll(oldest);
        out.add(new ManagedFieldsEntry(ANCIENT_CHANGES, ManagedFieldsEntry.UPDATE, newest.apiVersion(), newest.time(),
                "", fields));
        return out;
    }

    /** Writes entries into {@code object.metadata.managedFields}, removing the field when there are none. */
    static void write(ObjectNode object, List<ManagedFieldsEntry> entries) {
        JsonNode metadata = object.get("metadata");
        ObjectNode meta = metadata instanceof ObjectNode m ? m : object.putObject("metadata");
        if (entries.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", encode(entries));
        }
    }
}
