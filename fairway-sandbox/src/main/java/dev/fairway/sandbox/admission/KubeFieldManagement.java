package dev.fairway.sandbox.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.apply.ApplyResult;
import dev.fairway.kube.apply.Conflict;
import dev.fairway.kube.apply.ManagedFieldsEntry;
import dev.fairway.kube.apply.ManagedFieldsTracker;
import dev.fairway.kube.apply.ServerSideApply;
import dev.fairway.kube.patch.PatchException;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.FieldManagement;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.api.Schemas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link FieldManagement} on the kube library's server-side apply and managed-fields tracking. */
public final class KubeFieldManagement implements FieldManagement {

    private final Schemas schemas;

    public KubeFieldManagement(Schemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public ObjectNode recordUpdate(ResourceType type, ObjectNode old, ObjectNode updated, String manager,
                                   String subresource, Instant now) {
        return ManagedFieldsTracker.recordUpdate(old, updated, manager, ManagedFieldsEntry.UPDATE, subresource,
                schemas.mergeSchema(type), type.gvk(), now);
    }

    @Override
    public ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager, boolean force,
                            String subresource, Instant now) throws ApiException {
        ApplyResult r;
        try {
            r = ServerSideApply.apply(live, applied, manager, force, schemas.mergeSchema(type), type.gvk(), now,
                    subresource, type.statusSubresource() && subresource.isEmpty());
        } catch (PatchException e) {
            throw new ApiException(e.httpStatus(), e.httpStatus() == 422 ? "Invalid" : "BadRequest", e.getMessage(), null);
        }
        if (r instanceof ApplyResult.Conflicted c) {
            List<String[]> causes = new ArrayList<>();
            for (Conflict x : c.conflicts()) {
                causes.add(new String[] {x.causeMessage(), x.field()});
            }
            throw ApiException.applyConflict(type, applied.path("metadata").path("name").asText(), c.message(), causes);
        }
        return ((ApplyResult.Applied) r).object();
    }
}
