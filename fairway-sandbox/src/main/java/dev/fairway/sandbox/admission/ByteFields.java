package dev.fairway.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ResourceType;
import java.util.Base64;
import java.util.Map;

/**
 * Base64 fields of built-in kinds ({@code Secret.data}, {@code ConfigMap.binaryData}), which Go
 * decodes into bytes: a value that is not base64 is a decoding error (400), not something to store.
 */
final class ByteFields {

    private static final Map<String, String> FIELD_BY_RESOURCE = Map.of("secrets", "data", "configmaps", "binaryData");

    private ByteFields() {}

    static void check(ResourceType type, JsonNode obj) throws ApiException {
        String field = type.group().isEmpty() ? FIELD_BY_RESOURCE.get(type.plural()) : null;
        if (field == null || !obj.path(field).isObject()) {
            return;
        }
        for (JsonNode value : obj.get(field)) {
            if (!value.isTextual()) {
                continue; // the schema check reports the wrong type
            }
            int bad = firstIllegalByte(value.asText());
            if (bad >= 0) {
                throw ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                        + type.kind() + ": illegal base64 data at input byte " + bad);
            }
        }
    }

    /** The offset Go's decoder reports for text that is not padded standard base64, or -1 when it is. */
    static int firstIllegalByte(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!alphabet && !(c == '=' && i >= text.length() - 2)) {
                return i;
            }
        }
        if (text.length() % 4 != 0) {
            return text.length() - text.length() % 4;
        }
        try {
            Base64.getDecoder().decode(text);
            return -1;
        } catch (IllegalArgumentException e) {
            return Math.max(0, text.length() - 4);
        }
    }
}
