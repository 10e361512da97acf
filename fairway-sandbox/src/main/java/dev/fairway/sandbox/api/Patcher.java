package dev.fairway.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Applies a JSON, merge or strategic-merge patch to the stored object. */
public interface Patcher {

    String JSON_PATCH = "application/json-patch+json";
    String MERGE_PATCH = "application/merge-patch+json";
    String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    String APPLY_PATCH = "application/apply-patch+yaml";

    /** Returns the patched copy of {@code current}; throws 400/422 Status errors for bad patches. */
    ObjectNode patch(ResourceType type, ObjectNode current, String patchType, JsonNode patch) throws ApiException;
}
