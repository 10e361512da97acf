package dev.fairway.sandbox.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.AdmissionRequest.FieldValidation;
import dev.fairway.sandbox.api.WriteOptions;
import java.io.IOException;

/** Small helpers the built-in controllers share. */
final class ControllerSupport {

    private ControllerSupport() {}

    static WriteOptions as(String manager) {
        return new WriteOptions(false, manager, FieldValidation.IGNORE, false);
    }

    static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored object is not JSON", e);
        }
    }

    static boolean deleting(JsonNode obj) {
        return obj.path("metadata").hasNonNull("deletionTimestamp");
    }

    static boolean hasFinalizer(JsonNode obj, String finalizer) {
        for (JsonNode f : obj.path("metadata").path("finalizers")) {
            if (finalizer.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    static void removeFinalizer(ObjectNode obj, String finalizer) {
        JsonNode fins = obj.path("metadata").get("finalizers");
        if (fins != null && fins.isArray()) {
            var arr = (com.fasterxml.jackson.databind.node.ArrayNode) fins;
            for (int i = arr.size() - 1; i >= 0; i--) {
                if (finalizer.equals(arr.get(i).asText())) {
                    arr.remove(i);
                }
            }
        }
    }
}
