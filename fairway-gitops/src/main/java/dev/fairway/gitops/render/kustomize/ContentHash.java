package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name suffix kustomize gives a generated ConfigMap or Secret: the first ten hex digits of
 * the SHA-256 of a JSON summary (kind, data; for Secrets also type and stringData), encoded
 * as Go's encoding/json writes it, with the digits and vowels that could spell words swapped out.
 */
final class ContentHash {

    private ContentHash() {}

    static String of(ObjectNode object) {
        Map<String, Object> summary = new TreeMap<>();
        String kind = object.path("kind").asText();
        summary.put("kind", kind);
        // kustomize looks the name up as one field called "metadata/name", finds nothing and hashes "": so do we
        summary.put("name", "");
        summary.put("data", mapOrEmpty(object.get("data")));
        if (kind.equals("Secret")) {
            JsonNode type = object.get("type");
            summary.put("type", type == null || type.isNull() ? "" : type.asText());
            if (object.get("stringData") instanceof ObjectNode stringData) {
                summary.put("stringData", stringData);
            }
        } else if (object.get("binaryData") instanceof ObjectNode binaryData) {
            summary.put("binaryData", binaryData);
        }
        StringBuilder json = new StringBuilder();
        write(json, summary);
        return encode(sha256Hex(json.toString()));
    }

    private static Object mapOrEmpty(JsonNode node) {
        return node instanceof ObjectNode map ? map : "";
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, entry.getKey().toString());
                out.append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof ObjectNode object) {
            Map<String, Object> sorted = new TreeMap<>();
            object.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            write(out, sorted);
        } else if (value instanceof JsonNode node) {
            if (node.isTextual() || node.isNull()) {
                string(out, node.isNull() ? "" : node.asText());
            } else {
                out.append(node.asText());
            }
        } else {
            string(out, value.toString());
        }
    }

    /** A JSON string as Go's encoding/json writes it: HTML characters and U+2028/9 escaped too. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String encode(String hex) {
        StringBuilder out = new StringBuilder();
        for (char c : hex.substring(0, 10).toCharArray()) {
            out.append(switch (c) {
                case '0' -> 'g';
                case '1' -> 'h';
                case '3' -> 'k';
                case 'a' -> 'm';
                case 'e' -> 't';
                default -> c;
            });
        }
        return out.toString();
    }
}
