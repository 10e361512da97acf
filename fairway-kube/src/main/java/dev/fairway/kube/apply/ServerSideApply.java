package dev.fairway.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.patch.JsonValues;
import dev.fairway.kube.patch.PatchException;
import dev.fairway.kube.schema.MergeSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side apply ({@code kubectl apply --server-side}, {@code application/apply-patch+yaml}): merges a manager's
 * applied configuration into the live object and tracks who owns which field in {@code metadata.managedFields}.
 *
 * <p>The manager's Apply entry becomes exactly the fields of the configuration. A change to a field that another
 * manager owns is a conflict unless {@code force} is set, in which case the field changes hands; applying the value a
 * field already has shares its ownership. Fields the manager applied before but left out now, and that nobody else owns,
 * are removed from the object.
 *
 * <p>The caller (the API server) strips server-owned fields from the configuration, checks preconditions, defaults
 * and validates the result; this class only merges and tracks ownership.
 */
public final class ServerSideApply {

    private static final String BEFORE_FIRST_APPLY = "before-first-apply";

    private ServerSideApply() {}

    /** Applies to the main resource of a kind without a status subresource. See {@link #apply(ObjectNode, ObjectNode, String, boolean, MergeSchema, GroupVersionKind, Instant, String, boolean)}. */
    public static ApplyResult apply(ObjectNode live, ObjectNode applied, String manager, boolean force,
                                    MergeSchema schema, GroupVersionKind gvk, Instant now) {
        return apply(live, applied, manager, force, schema, gvk, now, "", false);
    }

    /**
     * Applies {@code applied} for {@code manager}; neither object is modified.
     *
     * @param live         the stored object, or null when the apply creates it
     * @param applied      the configuration as the client sent it
     * @param subresource  {@code ""} for the main resource or {@code "status"}; on {@code /status} only the status of the
     *                     configuration counts and the entry records {@code subresource: status}
     * @param ignoreStatus for the main resource of a kind with a status subresource: status in the configuration is
     *                     ignored and the live status kept
     * @throws PatchException 400 when the configuration sets {@code metadata.managedFields}, 422 when a list item lacks
     *                        its key fields or two items share a key
     */
    public static ApplyResult apply(ObjectNode live, ObjectNode applied, String manager, boolean force,
                                    MergeSchema schema, GroupVersionKind gvk, Instant now,
                                    String subresource, boolean ignoreStatus) {
        if (manager == null || manager.isBlank()) {
            throw PatchException.badRequest("PATCH requests of type apply must specify a fieldManager");
        }
        JsonNode appliedManaged = applied.path("metadata").get("managedFields");
        if (appliedManaged != null && !appliedManaged.isNull()) {
            throw PatchException.badRequest("metadata.managedFields must be nil");
        }
        OwnershipScope scope = new OwnershipScope(subresource, ignoreStatus);
        ObjectFields strict = new ObjectFields(schema, gvk, true);
        ObjectFields lenient = new ObjectFields(schema, gvk, false);

        ObjectNode liveBody = live == null ? JsonNodeFactory.instance.objectNode() : withoutManagedFields(live);
        List<ManagedFieldsEntry> entries = new ArrayList<>(liveEntries(live, liveBody, lenient, gvk, now));
        ObjectNode config = inScope(applied, scope);
        FieldSet appliedFields = scope.filter(FieldSet.of(strict.fieldsOf(config, FieldPath.ROOT)));

        ManagedFieldsEntry previous = null;
        List<ManagedFieldsEntry> others = new ArrayList<>();
        for (ManagedFieldsEntry e : entries) {
            if (e.sameOwner(manager, ManagedFieldsEntry.APPLY, scope.subresource())) {
                previous = e;
            } else {
                others.add(e);
            }
        }

        ObjectNode merged = (ObjectNode) strict.merge(liveBody, config, FieldPath.ROOT);
        prune(merged, previous, appliedFields, others, scope, lenient);

        ObjectFields.Comparison diff = lenient.compare(liveBody, merged);
        FieldSet changed = diff.changed();
        List<Taken> taken = new ArrayList<>();
        List<ManagedFieldsEntry> kept = new ArrayList<>();
        for (ManagedFieldsEntry other : others) {
            FieldSet lost = other.fields().intersection(changed);
            lost.paths().forEach(p -> taken.add(new Taken(other, p)));
            FieldSet remaining = other.fields().difference(lost).difference(diff.removed());
            if (!remaining.isEmpty()) {
                kept.add(other.withFields(remaining));
            }
        }
        if (!force && !taken.isEmpty()) {
            // Moving from client-side to server-side apply: what the last client-side apply set is not a conflict.
            FieldSet allowed = manager.equals(LastAppliedConfiguration.KUBECTL)
                    ? LastAppliedConfiguration.takeoverAllowed(liveBody, lenient) : FieldSet.empty();
            List<Conflict> conflicts = taken.stream()
                    .filter(t -> !allowed.contains(t.path()))
                    .map(t -> new Conflict(t.owner().manager(), t.path().toString(), t.owner().describe()))
                    .toList();
            if (!conflicts.isEmpty()) {
                return new ApplyResult.Conflicted(conflicts);
            }
        }

        boolean objectChanged = !JsonValues.same(liveBody, merged);
        if (!appliedFields.isEmpty()) {
            Instant time = objectChanged || previous == null || previous.time() == null ? now : previous.time();
            kept.add(new ManagedFieldsEntry(manager, ManagedFieldsEntry.APPLY, gvk.apiVersion(), time,
                    scope.subresource(), appliedFields));
        }
        if (manager.equals(LastAppliedConfiguration.KUBECTL)) {
            LastAppliedConfiguration.sync(merged, applied);
            objectChanged = !JsonValues.same(liveBody, merged);
        }
        ManagedFields.write(merged, ManagedFields.capUpdaters(kept));
        return new ApplyResult.Applied(merged, objectChanged || live == null);
    }

    /** A field that changes hands: it is a conflict unless forced. */
    private record Taken(ManagedFieldsEntry owner, FieldPath path) {}

    /**
     * The live object's entries. An object that exists but has none (created before field tracking, or reset) is
     * owned as a whole by {@code before-first-apply}, so a first apply cannot silently take over what others set.
     */
    private static List<ManagedFieldsEntry> liveEntries(ObjectNode live, ObjectNode liveBody, ObjectFields fields,
                                                        GroupVersionKind gvk, Instant now) {
        if (live == null) {
            return List.of();
        }
        List<ManagedFieldsEntry> entries;
        try {
            entries = ManagedFields.of(live);
        } catch (IllegalArgumentException e) {
            // Kubernetes resets unreadable managedFields rather than failing every later write.
            entries = List.of();
        }
        if (!entries.isEmpty()) {
            return entries;
        }
        FieldSet all = new OwnershipScope("", false).filter(FieldSet.of(fields.fieldsOf(liveBody, FieldPath.ROOT)));
        return all.isEmpty() ? List.of()
                : List.of(new ManagedFieldsEntry(BEFORE_FIRST_APPLY, ManagedFieldsEntry.UPDATE, gvk.apiVersion(), now, "", all));
    }

    /** Removes what the manager applied before, left out now, and nobody else owns; items with owned fields stay. */
    private static void prune(ObjectNode merged, ManagedFieldsEntry previous, FieldSet appliedFields,
                              List<ManagedFieldsEntry> others, OwnershipScope scope, ObjectFields fields) {
        if (previous == null) {
            return;
        }
        FieldSet owned = appliedFields;
        for (ManagedFieldsEntry other : others) {
            owned = owned.union(other.fields());
        }
        for (FieldPath dropped : scope.filter(previous.fields().difference(owned)).paths()) {
            // Ascending order removes an item before its fields, which then are already gone.
            if (!owned.hasDescendant(dropped)) {
                fields.remove(merged, dropped);
            }
        }
    }

    /** The part of the configuration this write may change. */
    private static ObjectNode inScope(ObjectNode applied, OwnershipScope scope) {
        ObjectNode config = applied.deepCopy();
        if (scope.statusOnly()) {
            config.retain("apiVersion", "kind", "metadata", "status");
            JsonNode metadata = config.get("metadata");
            if (metadata instanceof ObjectNode m) {
                m.retain("name", "namespace");
            }
        } else if (scope.ignoreStatus()) {
            config.remove("status");
        }
        return config;
    }

    static ObjectNode withoutManagedFields(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        return copy;
    }
}
