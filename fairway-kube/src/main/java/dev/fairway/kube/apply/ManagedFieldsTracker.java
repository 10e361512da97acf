package dev.fairway.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.patch.PatchException;
import dev.fairway.kube.schema.MergeSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records field ownership for writes that are not server-side apply (create, update, patch): the writer's entry
 * gains every field whose value it added or changed, other entries lose those fields, and removed fields leave every
 * entry.
 */
public final class ManagedFieldsTracker {

    private ManagedFieldsTracker() {}

    /**
     * Returns {@code newObj} with {@code metadata.managedFields} updated for this write; the arguments are not modified.
     *
     * <p>As in Kubernetes, the managedFields the request carries are the starting point when they are valid and not
     * empty (so a client may rewrite ownership, as kubectl does when it migrates client-side apply to server-side
     * apply); {@code []} or {@code [{}]} resets them, so the writer owns just what it changed; anything else
     * (absent, unreadable, or a write to a subresource) keeps the stored ones.
     *
     * @param oldObj      the stored object, or null on create
     * @param operation   normally {@link ManagedFieldsEntry#UPDATE}
     * @param subresource {@code ""} or {@code "status"}
     */
    public static ObjectNode recordUpdate(ObjectNode oldObj, ObjectNode newObj, String manager, String operation,
                                          String subresource, MergeSchema schema, GroupVersionKind gvk, Instant now) {
        String sub = subresource == null ? "" : subresource;
        List<ManagedFieldsEntry> entries = startingEntries(oldObj, newObj, sub);
        ObjectNode oldBody = oldObj == null ? JsonNodeFactory.instance.objectNode()
                : ServerSideApply.withoutManagedFields(oldObj);
        ObjectNode result = ServerSideApply.withoutManagedFields(newObj);

        ObjectFields.Comparison diff;
        try {
            diff = new ObjectFields(schema, gvk, false).compare(oldBody, result);
        } catch (PatchException e) {
            // Kubernetes drops managedFields it cannot compute rather than failing the write or keeping stale ones.
            return result;
        }
        OwnershipScope scope = new OwnershipScope("", false);
        FieldSet changed = scope.filter(diff.changed());
        FieldSet removed = diff.removed();

        List<ManagedFieldsEntry> updated = new ArrayList<>();
        ManagedFieldsEntry mine = null;
        for (ManagedFieldsEntry e : entries) {
            if (e.sameOwner(manager, operation, sub)) {
                mine = e;
                continue;
            }
            FieldSet remaining = e.fields().difference(changed).difference(removed);
            if (!remaining.isEmpty()) {
                updated.add(e.withFields(remaining));
            }
        }
        if (!changed.isEmpty()) {
            FieldSet owned = mine == null ? changed : mine.fields().difference(removed).union(changed);
            updated.add(new ManagedFieldsEntry(manager, operation, gvk.apiVersion(), now, sub, owned));
        } else if (mine != null) {
            FieldSet remaining = mine.fields().difference(removed);
            if (!remaining.isEmpty()) {
                updated.add(mine.withFields(remaining));
            }
        }
        ManagedFields.write(result, ManagedFields.capUpdaters(updated));
        return result;
    }

    private static List<ManagedFieldsEntry> startingEntries(ObjectNode oldObj, ObjectNode newObj, String subresource) {
        List<ManagedFieldsEntry> stored = readOrEmpty(oldObj == null ? null : oldObj.path("metadata").get("managedFields"));
        if (!subresource.isEmpty()) {
            return stored;
        }
        JsonNode requested = newObj.path("metadata").get("managedFields");
        if (requested == null || requested.isNull()) {
            return stored;
        }
        if (isReset(requested)) {
            return List.of();
        }
        List<ManagedFieldsEntry> fromRequest = readOrEmpty(requested);
        return fromRequest.isEmpty() ? stored : fromRequest;
    }

    /** {@code []} or a single empty entry: the documented way to clear managedFields. */
    private static boolean isReset(JsonNode requested) {
        return requested.isArray() && (requested.isEmpty()
                || (requested.size() == 1 && requested.get(0).isObject() && requested.get(0).isEmpty()));
    }

    private static List<ManagedFieldsEntry> readOrEmpty(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        try {
            return ManagedFields.decode(list);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
