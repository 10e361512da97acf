package dev.fairway.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.sandbox.api.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** ObjectMeta checks every kind shares: name, generateName, namespace, labels and annotations. */
final class MetadataRules {

    static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    private MetadataRules() {}

    /**
     * @param nameFormat the kind's name rule
     * @param namespaced whether the kind lives in a namespace; null when unknown (not checked)
     */
    static void validate(JsonNode obj, Function<String, List<String>> nameFormat, Boolean namespaced, List<FieldError> errs) {
        JsonNode meta = obj.path("metadata");
        String name = meta.path("name").asText("");
        String generateName = meta.path("generateName").asText("");
        if (!generateName.isEmpty()) {
            // A prefix may end in '-': the generated suffix follows it.
            String masked = generateName.length() > 1 && generateName.endsWith("-")
                    ? generateName.substring(0, generateName.length() - 1) + "a" : generateName;
            nameFormat.apply(masked).forEach(m -> errs.add(FieldError.invalid("metadata.generateName", GoValues.quote(generateName), m)));
        }
        if (name.isEmpty()) {
            if (generateName.isEmpty()) {
                errs.add(FieldError.required("metadata.name", "name or generateName is required"));
            }
        } else {
            nameFormat.apply(name).forEach(m -> errs.add(FieldError.invalid("metadata.name", GoValues.quote(name), m)));
        }
        String namespace = meta.path("namespace").asText("");
        if (Boolean.TRUE.equals(namespaced)) {
            if (namespace.isEmpty()) {
                errs.add(FieldError.required("metadata.namespace", ""));
            } else {
                NameFormats.dns1123Label(namespace).forEach(m -> errs.add(FieldError.invalid("metadata.namespace", GoValues.quote(namespace), m)));
            }
        } else if (Boolean.FALSE.equals(namespaced) && !namespace.isEmpty()) {
            errs.add(new FieldError(FieldError.FORBIDDEN, "metadata.namespace", null, "not allowed on this type"));
        }
        labels(meta.path("labels"), "metadata.labels", errs);
        annotations(meta.path("annotations"), "metadata.annotations", errs);
    }

    static void labels(JsonNode labels, String field, List<FieldError> errs) {
        for (Map.Entry<String, String> e : sorted(labels).entrySet()) {
            NameFormats.qualifiedName(e.getKey()).forEach(m -> errs.add(FieldError.invalid(field, GoValues.quote(e.getKey()), m)));
            NameFormats.labelValue(e.getValue()).forEach(m -> errs.add(FieldError.invalid(field, GoValues.quote(e.getValue()), m)));
        }
    }

    static void annotations(JsonNode annotations, String field, List<FieldError> errs) {
        long total = 0;
        for (Map.Entry<String, String> e : sorted(annotations).entrySet()) {
            NameFormats.qualifiedName(e.getKey().toLowerCase()).forEach(m -> errs.add(FieldError.invalid(field, GoValues.quote(e.getKey()), m)));
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errs.add(new FieldError(FieldError.TOO_LONG, field, null, "must have at most " + TOTAL_ANNOTATION_SIZE_LIMIT + " bytes"));
        }
    }

    private static Map<String, String> sorted(JsonNode map) {
        Map<String, String> out = new TreeMap<>();
        if (map != null && map.isObject()) {
            map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
