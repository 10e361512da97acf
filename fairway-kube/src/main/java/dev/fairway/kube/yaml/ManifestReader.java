package dev.fairway.kube.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersion;
import dev.fairway.kube.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads Kubernetes manifests: multi-document YAML ({@code ---} separated) or JSON (one or more
 * objects), as {@code kubectl apply -f} accepts them. Lists ({@code kind: List} and typed lists
 * such as {@code DeploymentList}) are flattened into their items, empty and comment-only
 * documents are skipped, and every object remembers the file and line it starts on.
 *
 * <p>Anything a user got wrong is a {@link ManifestException} naming {@code file:line}: YAML or
 * JSON syntax, tabs used for indentation, duplicate keys, a document that is not a mapping, or
 * an object without {@code apiVersion} or {@code kind}. The reader holds no state; one instance
 * can be shared.
 */
public final class ManifestReader {

    /** Reads a file; the file name in every {@link Manifest} and error is {@code file} as given. */
    public List<Manifest> read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ManifestException(name, 0, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ManifestException(name, 0, "permission denied", e);
        } catch (MalformedInputException e) {
            throw new ManifestException(name, 0, "is not UTF-8 text; save it as UTF-8", e);
        } catch (IOException e) {
            throw new ManifestException(name, 0, Files.isDirectory(file)
                    ? "is a directory; give the manifest files in it" : "cannot be read: " + e.getMessage(), e);
        }
        return read(text, name);
    }

    /**
     * Reads manifest text.
     *
     * @param file the name to report in manifests and errors, such as a path or {@code <stdin>}
     */
    public List<Manifest> read(String text, String file) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // editors on Windows like to add a byte order mark
        }
        boolean jsonName = file.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        if (jsonName || text.stripLeading().startsWith("{")) {
            try {
                return parse(Json.MAPPER.getFactory(), text, file);
            } catch (ManifestException jsonError) {
                if (jsonName) {
                    throw jsonError;
                }
                // A YAML flow mapping ({a: b}) also starts with a brace: give YAML its chance.
                try {
                    return parse(Json.YAML.getFactory(), text, file);
                } catch (ManifestException yamlError) {
                    throw jsonError;
                }
            }
        }
        return parse(Json.YAML.getFactory(), text, file);
    }

    /**
     * Reads a YAML or JSON file that is not a Kubernetes object (rule files, values files) with
     * the same strictness: duplicate keys, aliases and syntax errors are reported at file:line.
     *
     * @return the single document; a {@code NullNode} when the text is empty
     */
    public JsonNode readDocument(String text, String file) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonFactory factory = file.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                ? Json.MAPPER.getFactory() : Json.YAML.getFactory();
        JsonNode document = com.fasterxml.jackson.databind.node.NullNode.getInstance();
        try (JsonParser parser = factory.createParser(text)) {
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode next = new TreeReader(parser, file).readValue();
                if (next.isNull() || next.isTextual() && next.asText().isEmpty()) {
                    continue;
                }
                if (!document.isNull()) {
                    throw new ManifestException(file, line, "expected a single document but found another one here");
                }
                document = next;
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(e, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return document;
    }

    private List<Manifest> parse(JsonFactory factory, String text, String file) {
        List<Manifest> manifests = new ArrayList<>();
        try (JsonParser parser = factory.createParser(text)) {
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                TreeReader reader = new TreeReader(parser, file);
                JsonNode document = reader.readValue();
                if (document.isNull() || document.isTextual() && document.asText().isEmpty()) {
                    continue; // an empty document, as between two "---" lines
                }
                if (!(document instanceof ObjectNode object)) {
                    throw new ManifestException(file, line, "expected a Kubernetes object (a mapping with apiVersion"
                            + " and kind) but found " + describe(document));
                }
                collect(object, line, reader, file, manifests);
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(e, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String: only a bug gets here
        }
        return manifests;
    }

    private void collect(ObjectNode object, int line, TreeReader reader, String file, List<Manifest> out) {
        String kind = requireTypeFields(object, line, file);
        JsonNode items = object.get("items");
        if (kind.endsWith("List") && (items == null || items.isNull() || items.isArray())) {
            if (items == null || items.isNull()) {
                return;
            }
            for (JsonNode item : items) {
                int itemLine = reader.lineOf(item, line);
                if (!(item instanceof ObjectNode itemObject)) {
                    throw new ManifestException(file, itemLine, "items of a " + kind + " must be Kubernetes objects but"
                            + " found " + describe(item));
                }
                if (!kind.equals("List")) {
                    // Typed lists (DeploymentList) as the API server prints them leave the type off each item.
                    itemObject = withTypeDefaults(itemObject, object.get("apiVersion").asText(),
                            kind.substring(0, kind.length() - "List".length()));
                }
                collect(itemObject, itemLine, reader, file, out);
            }
            return;
        }
        out.add(new Manifest(object, file, line));
    }

    /** Checks apiVersion and kind and returns the kind. */
    private static String requireTypeFields(ObjectNode object, int line, String file) {
        JsonNode apiVersion = object.get("apiVersion");
        JsonNode kind = object.get("kind");
        boolean hasApiVersion = apiVersion != null && apiVersion.isTextual() && !apiVersion.asText().isBlank();
        boolean hasKind = kind != null && kind.isTextual() && !kind.asText().isBlank();
        if (!hasApiVersion && !hasKind) {
            throw new ManifestException(file, line, "object has no apiVersion and no kind; add both, for example"
                    + " \"apiVersion: apps/v1\" and \"kind: Deployment\"");
        }
        if (!hasApiVersion) {
            throw new ManifestException(file, line, "object of kind " + kind.asText() + " has no apiVersion; add"
                    + " one, for example \"apiVersion: v1\" or \"apiVersion: apps/v1\"");
        }
        if (!hasKind) {
            throw new ManifestException(file, line, "object with apiVersion " + apiVersion.asText() + " has no kind;"
                    + " add one, for example \"kind: Deployment\"");
        }
        try {
            GroupVersion.parse(apiVersion.asText());
        } catch (IllegalArgumentException e) {
            throw new ManifestException(file, line, e.getMessage() + "; write GROUP/VERSION such as apps/v1, or just"
                    + " VERSION (v1) for the core group");
        }
        return kind.asText();
    }

    private static ObjectNode withTypeDefaults(ObjectNode item, String apiVersion, String kind) {
        if (item.has("apiVersion") && item.has("kind")) {
            return item;
        }
        ObjectNode typed = item.objectNode();
        typed.set("apiVersion", item.has("apiVersion") ? item.get("apiVersion") : typed.textNode(apiVersion));
        typed.set("kind", item.has("kind") ? item.get("kind") : typed.textNode(kind));
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            typed.set(field.getKey(), field.getValue());
        }
        return typed;
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list; to give several objects in one document, use \"kind: List\" with \"items:\", or"
                    + " separate YAML documents with \"---\"";
        }
        return "the " + (node.isTextual() ? "text" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                + " " + Json.write(node);
    }

    private static ManifestException syntaxError(JsonProcessingException e, String file) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return new ManifestException(file, yaml.getProblemMark().getLine() + 1, explain(yaml.getProblem()), e);
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new ManifestException(file, Math.max(line, 0), e.getOriginalMessage(), e);
    }

    /** SnakeYAML's wording, with the one users hit most often made plain. */
    private static String explain(String problem) {
        if (problem != null && problem.contains("(TAB)")) {
            return "a tab character is used for indentation; YAML indents with spaces only";
        }
        if (problem != null && problem.startsWith("expected <block end>")) {
            return "the indentation of this line does not match the lines above it; check the spaces before it ("
                    + problem + ")";
        }
        return problem == null ? "invalid YAML" : problem;
    }
}
