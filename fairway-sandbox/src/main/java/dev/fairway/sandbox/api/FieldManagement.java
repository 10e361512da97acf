package dev.fairway.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Tracks field ownership ({@code metadata.managedFields}) and performs server-side apply. */
public interface FieldManagement {

    /** Records an Update operation by {@code manager}: returns {@code updated} with managedFields set. */
    ObjectNode recordUpdate(ResourceType type, ObjectNode old, ObjectNode updated, String manager, String subresource, Instant now);

    /**
     * Server-side apply of {@code applied} by {@code manager} onto {@code live} (null when creating).
     *
     * @throws ApiException 409 Conflict with FieldManagerConflict causes unless {@code force}
     */
    ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager, boolean force,
                     String subresource, Instant now) throws ApiException;
}
