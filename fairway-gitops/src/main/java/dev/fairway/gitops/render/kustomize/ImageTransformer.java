package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code images} entry: changes the name, tag or digest of matching container images in
 * every {@code containers} and {@code initContainers} list of every object (custom resources
 * too, as kustomize does), and at the default image fields.
 */
final class ImageTransformer {

    private final Kustomization.Image image;
    private final List<FieldSpec> fields;
    private final Pattern matches;

    ImageTransformer(Kustomization.Image image, List<FieldSpec> fields) {
        this.image = image;
        // image fields are only changed where they exist: lists are never created
        this.fields = fields.stream().map(f -> new FieldSpec(f.group(), f.version(), f.kind(), f.path(), false)).toList();
        // kustomize matches the name as a pattern, followed by an optional tag and sha256 digest
        this.matches = Pattern.compile("^" + image.name() + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$");
    }

    void apply(ResourceSet resources) {
        for (Resource resource : resources.resources()) {
            if (!resource.kind().equals("CustomResourceDefinition")) {
                walk(resource.object());
            }
        }
        for (Resource resource : resources.resources()) {
            ResId id = resource.currentId();
            for (FieldSpec spec : fields) {
                if (spec.appliesTo(id)) {
                    spec.visit(resource.object(), this::update);
                }
            }
        }
    }

    private void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                walk(field.getValue());
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue() instanceof ArrayNode containers) {
                    for (JsonNode container : containers) {
                        if (container instanceof ObjectNode c) {
                            update(c, "image");
                        }
                    }
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::walk);
        }
    }

    private void update(ObjectNode container, String field) {
        JsonNode value = container.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return;
        }
        String current = value.asText();
        if (!matches.matcher(current).matches()) {
            return;
        }
        String[] parts = split(current);
        String name = image.newName().isEmpty() ? parts[0] : image.newName();
        String tag = parts[1];
        String digest = parts[2];
        if (!image.newTag().isEmpty() && !image.digest().isEmpty()) {
            tag = image.newTag();
            digest = image.digest();
        } else if (!image.newTag().isEmpty()) {
            tag = image.newTag();
            digest = "";
        } else if (!image.digest().isEmpty()) {
            tag = "";
            digest = image.digest();
        }
        container.put(field, name + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest));
    }

    /** Name, tag and digest of an image reference; a colon before the first slash is a registry port. */
    static String[] split(String image) {
        int slash = image.indexOf('/');
        int offset = slash > 0 ? slash : 0;
        String search = image.substring(offset);
        int at = search.indexOf('@');
        int colon = search.indexOf(':');
        if (colon < 0 && at < 0) {
            return new String[] {image, "", ""};
        }
        if (at >= 0 && (at < colon || colon < 0)) {
            return new String[] {image.substring(0, at + offset), "", image.substring(at + offset + 1)};
        }
        if (at >= 0) {
            return new String[] {image.substring(0, colon + offset), image.substring(colon + offset + 1, at + offset),
                    image.substring(at + offset + 1)};
        }
        return new String[] {image.substring(0, colon + offset), image.substring(colon + offset + 1), ""};
    }
}
