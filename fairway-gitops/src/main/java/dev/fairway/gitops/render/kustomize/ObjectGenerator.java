package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.render.RenderException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Makes the ConfigMap or Secret of a {@code configMapGenerator} or {@code secretGenerator}
 * entry: env files first, then literals, then files, each key once; data sorted by key; a
 * ConfigMap value that is not UTF-8 goes to {@code binaryData}; Secret values are base64.
 */
final class ObjectGenerator {

    /** Reads a file named in a kustomization, relative to it, refusing paths outside its directory. */
    interface FileLoader {
        byte[] load(String relativePath, String pointer);
    }

    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern DATA_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private record Pair(String key, byte[] value) {}

    private final Kustomization kustomization;
    private final FileLoader files;

    ObjectGenerator(Kustomization kustomization, FileLoader files) {
        this.kustomization = kustomization;
        this.files = files;
    }

    Resource generate(Kustomization.Generator generator) {
        List<Pair> pairs = pairs(generator);
        Map<String, byte[]> data = new TreeMap<>();
        for (Pair pair : pairs) {
            if (pair.key.length() > 253 || !DATA_KEY.matcher(pair.key).matches()) {
                throw kustomization.fail(generator.pointer(), generator.kind() + " " + generator.name() + ": \""
                        + pair.key + "\" is not a valid key; keys consist of letters, digits, '-', '_' and '.'");
            }
            if (data.put(pair.key, pair.value) != null) {
                throw kustomization.fail(generator.pointer(), generator.kind() + " " + generator.name()
                        + " has the key " + pair.key + " twice; keep one");
            }
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode object = nodes.objectNode();
        object.put("apiVersion", "v1");
        object.put("kind", generator.kind());
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", generator.name());
        if (!generator.namespace().isEmpty()) {
            metadata.put("namespace", generator.namespace());
        }
        Kustomization.GeneratorOptions options = generator.options();
        if (!options.labels().isEmpty()) {
            ObjectNode labels = metadata.putObject("labels");
            new TreeMap<>(options.labels()).forEach(labels::put);
        }
        if (!options.annotations().isEmpty()) {
            ObjectNode annotations = metadata.putObject("annotations");
            new TreeMap<>(options.annotations()).forEach(annotations::put);
        }
        if (generator.kind().equals("Secret")) {
            object.put("type", generator.type().isEmpty() ? "Opaque" : generator.type());
        }
        for (Map.Entry<String, byte[]> entry : data.entrySet()) {
            if (generator.kind().equals("Secret")) {
                data(object, "data").put(entry.getKey(), Base64.getEncoder().encodeToString(entry.getValue()));
            } else {
                String text = utf8(entry.getValue());
                if (text != null) {
                    data(object, "data").put(entry.getKey(), text);
                } else {
                    data(object, "binaryData").put(entry.getKey(), Base64.getEncoder().encodeToString(entry.getValue()));
                }
            }
        }
        if (options.immutable()) {
            object.put("immutable", true);
        }
        Resource resource = new Resource(object, kustomization.file, kustomization.line(generator.pointer()));
        resource.hashSuffix(!options.disableNameSuffixHash());
        resource.behavior(generator.behavior());
        return resource;
    }

    private static ObjectNode data(ObjectNode object, String field) {
        return object.get(field) instanceof ObjectNode map ? map : object.putObject(field);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private List<Pair> pairs(Kustomization.Generator generator) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < generator.envs().size(); i++) {
            String env = generator.envs().get(i);
            String text = utf8(files.load(env, generator.pointer() + "/envs"));
            if (text == null) {
                throw kustomization.fail(generator.pointer(), "the env file " + env + " is not UTF-8 text");
            }
            String[] lines = text.split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n];
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (n == 0 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                line = line.stripLeading();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int equals = line.indexOf('=');
                String key = equals < 0 ? line : line.substring(0, equals);
                if (!ENV_NAME.matcher(key).matches()) {
                    throw new RenderException(kustomization.file, kustomization.line(generator.pointer()), "line "
                            + (n + 1) + " of the env file " + env + ": \"" + key + "\" is not a valid variable name;"
                            + " write KEY=VALUE lines (letters, digits, '-', '_', '.')");
                }
                String value = equals < 0 ? "" : line.substring(equals + 1);
                pairs.add(new Pair(key, value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (String literal : generator.literals()) {
            int equals = literal.indexOf('=');
            if (equals <= 0) {
                throw kustomization.fail(generator.pointer() + "/literals", "the literal \"" + literal
                        + "\" is not KEY=VALUE");
            }
            pairs.add(new Pair(literal.substring(0, equals),
                    unquote(literal.substring(equals + 1)).getBytes(StandardCharsets.UTF_8)));
        }
        for (String source : generator.files()) {
            long separators = source.chars().filter(c -> c == '=').count();
            String key;
            String path;
            if (separators == 0) {
                path = source;
                key = source.substring(source.lastIndexOf('/') + 1);
            } else if (separators == 1 && !source.startsWith("=") && !source.endsWith("=")) {
                key = source.substring(0, source.indexOf('='));
                path = source.substring(source.indexOf('=') + 1);
            } else {
                throw kustomization.fail(generator.pointer() + "/files", "the file source \"" + source
                        + "\" is not PATH or KEY=PATH");
            }
            pairs.add(new Pair(key, files.load(path, generator.pointer() + "/files")));
        }
        return pairs;
    }

    /** Kustomize drops one pair of matching quotes around a literal's value. */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == value.charAt(value.length() - 1)
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
