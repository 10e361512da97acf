package dev.fairway.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.sandbox.api.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** ConfigMap and Secret checks: valid keys, no key twice, at most 1 MiB of data, required keys of typed secrets. */
final class ConfigDataRules {

    static final int MAX_SIZE = 1024 * 1024;
    private static final Map<String, List<String>> REQUIRED_SECRET_KEYS = Map.of(
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"),
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/dockercfg", List.of(".dockercfg"),
            "kubernetes.io/basic-auth", List.of(),
            "kubernetes.io/ssh-auth", List.of("ssh-privatekey"));

    private ConfigDataRules() {}

    static void configMap(JsonNode cm, List<FieldError> errs) {
        long total = 0;
        JsonNode data = cm.path("data");
        JsonNode binary = cm.path("binaryData");
        for (var it = data.fields(); it.hasNext(); ) {
            var e = it.next();
            keys("data", e.getKey(), errs);
            total += e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        for (var it = binary.fields(); it.hasNext(); ) {
            var e = it.next();
            keys("binaryData", e.getKey(), errs);
            if (data.has(e.getKey())) {
                errs.add(FieldError.invalid("binaryData[" + e.getKey() + "]", GoValues.quote(e.getKey()), "duplicate of key present in data"));
            }
            total += decodedSize(e.getValue().asText());
        }
        if (total > MAX_SIZE) {
            errs.add(new FieldError(FieldError.TOO_LONG, "", null, "must have at most " + MAX_SIZE + " bytes"));
        }
    }

    static void secret(JsonNode secret, List<FieldError> errs) {
        long total = 0;
        JsonNode data = secret.path("data");
        for (var it = data.fields(); it.hasNext(); ) {
            var e = it.next();
            keys("data", e.getKey(), errs);
            total += decodedSize(e.getValue().asText());
        }
        JsonNode stringData = secret.path("stringData");
        for (var it = stringData.fields(); it.hasNext(); ) {
            var e = it.next();
            keys("stringData", e.getKey(), errs);
            total += e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_SIZE) {
            errs.add(new FieldError(FieldError.TOO_LONG, "data", null, "must have at most " + MAX_SIZE + " bytes"));
        }
        String type = secret.path("type").asText("");
        for (String key : REQUIRED_SECRET_KEYS.getOrDefault(type, List.of())) {
            if (!data.has(key) && !stringData.has(key)) {
                errs.add(FieldError.required("data[" + key + "]", ""));
            }
        }
    }

    private static void keys(String field, String key, List<FieldError> errs) {
        NameFormats.configMapKey(key).forEach(m -> errs.add(FieldError.invalid(field + "[" + key + "]", GoValues.quote(key), m)));
    }

    private static long decodedSize(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return base64.length();
        }
    }
}
