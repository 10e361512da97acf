package dev.fairway.cli.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Terraform's outputs (the JSON of {@code terraform output -json}) as the cluster sees them: a
 * ConfigMap {@code terraform-outputs} in {@code fairway-system} with one key per output, and a
 * Secret of the same name for the outputs marked sensitive. Strings are kept as they are; numbers,
 * booleans, lists, maps and objects are written as JSON text, and the annotation
 * {@value #TYPES_ANNOTATION} records each output's Terraform type so that readers can decode them.
 */
public record TerraformOutputs(Map<String, Output> outputs) {

    public static final String NAME = "terraform-outputs";
    public static final String NAMESPACE = "fairway-system";
    public static final String TYPES_ANNOTATION = "fairway.dev/terraform-output-types";
    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    /** One output: its value as the text stored in the cluster, its Terraform type, and whether it is sensitive. */
    public record Output(String text, String type, boolean sensitive) {}

    /**
     * Reads the JSON of {@code terraform output -json}.
     *
     * @param source names the input in errors (a file name, or the command that printed it)
     * @throws IllegalArgumentException naming the source, the line and what is wrong
     */
    public static TerraformOutputs parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new IllegalArgumentException(source + (loc == null ? "" : ":" + loc.getLineNr())
                    + ": not valid JSON (" + e.getOriginalMessage() + "); give the output of 'terraform output -json'");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object of outputs, as 'terraform output -json' prints");
        }
        Map<String, Output> outputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode entry = e.getValue();
            if (!KEY.matcher(name).matches()) {
                throw new IllegalArgumentException(source + ": output \"" + name
                        + "\" cannot be a ConfigMap key (letters, digits, '-', '_' and '.' only): rename the output");
            }
            if (!entry.isObject() || !entry.has("value")) {
                throw new IllegalArgumentException(source + ": output \"" + name
                        + "\" has no \"value\"; give the output of 'terraform output -json' (not 'terraform output')");
            }
            JsonNode value = entry.get("value");
            String text = value.isTextual() ? value.asText() : Json.write(value);
            outputs.put(name, new Output(text, typeName(entry.get("type"), value), entry.path("sensitive").asBoolean(false)));
        }
        return new TerraformOutputs(outputs);
    }

    public static TerraformOutputs read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** Terraform's type as one word or JSON ({@code string}, {@code ["list","string"]}), or guessed from the value. */
    private static String typeName(JsonNode type, JsonNode value) {
        if (type != null && !type.isNull()) {
            return type.isTextual() ? type.asText() : Json.write(type);
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        return value.isArray() ? "list" : "object";
    }

    /** The ConfigMap with the outputs that are not sensitive. */
    public ObjectNode configMap() {
        return object("ConfigMap", false);
    }

    /** The Secret with the sensitive outputs. */
    public ObjectNode secret() {
        ObjectNode secret = object("Secret", true);
        secret.put("type", "Opaque");
        return secret;
    }

    public boolean hasSensitive() {
        return outputs.values().stream().anyMatch(Output::sensitive);
    }

    private ObjectNode object(String kind, boolean sensitive) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1").put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", NAME).put("namespace", NAMESPACE);
        meta.putObject("labels").put("app.kubernetes.io/managed-by", "fairway-setup");
        ObjectNode types = Json.object();
        ObjectNode data = o.putObject(sensitive ? "stringData" : "data");
        outputs.forEach((name, out) -> {
            if (out.sensitive() == sensitive) {
                data.put(name, out.text());
                types.put(name, out.type());
            }
        });
        meta.putObject("annotations").put(TYPES_ANNOTATION, Json.write(types));
        return o;
    }
}
