package dev.fairway.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.patch.JsonPatch;
import dev.fairway.kube.patch.MergePatch;
import dev.fairway.kube.patch.PatchException;
import dev.fairway.kube.patch.StrategicMergePatch;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.Patcher;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.api.Schemas;

/** {@link Patcher} on the kube library's patch implementations; custom resources refuse strategic merge, as Kubernetes does. */
public final class KubePatcher implements Patcher {

    private final Schemas schemas;

    public KubePatcher(Schemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public ObjectNode patch(ResourceType type, ObjectNode current, String patchType, JsonNode patch) throws ApiException {
        try {
            JsonNode result = switch (patchType) {
                case JSON_PATCH -> JsonPatch.apply(current, patch);
                case MERGE_PATCH -> MergePatch.apply(current, patch);
                case STRATEGIC_MERGE_PATCH -> {
                    if (schemas.isCustom(type)) {
                        throw new ApiException(415, "UnsupportedMediaType",
                                "strategic merge patch is not supported for custom resources (" + type.kind()
                                        + "): use a JSON merge patch (--type merge) or a JSON patch", null);
                    }
                    if (!(patch instanceof ObjectNode op)) {
                        throw ApiException.badRequest("a strategic merge patch must be a JSON object");
                    }
                    yield StrategicMergePatch.apply(current, op, schemas.mergeSchema(type), type.gvk());
                }
                default -> throw ApiException.unsupportedMediaType("unsupported patch type " + patchType);
            };
            if (!(result instanceof ObjectNode o)) {
                throw ApiException.badRequest("the patch turned the object into " + result.getNodeType().toString().toLowerCase());
            }
            return o;
        } catch (PatchException e) {
            throw new ApiException(e.httpStatus(), e.httpStatus() == 422 ? "Invalid" : "BadRequest", e.getMessage(), null);
        }
    }
}
