package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.render.RenderException;
import dev.fairway.kube.select.LabelSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The objects a kustomization has gathered so far, in the order they came (kustomize's accumulator). */
final class ResourceSet {

    private final List<Resource> resources = new ArrayList<>();

    List<Resource> resources() {
        return resources;
    }

    /**
     * Adds an object; an object of the same id already here is an error.
     *
     * @param file the kustomization that brought it in, and the line of the entry
     */
    void append(Resource resource, String file, int line) {
        ResId id = resource.currentId();
        for (Resource existing : resources) {
            if (existing.currentId().matches(id)) {
                throw new RenderException(file, line, "brings in " + id + " (from " + resource.origin()
                        + ") a second time: it is already there from " + existing.origin()
                        + "; an object may be listed only once (use a patch to change it)");
            }
        }
        resources.add(resource);
    }

    /** Adds a generated object, combining it with one of the same id as its behavior says. */
    void absorb(Resource generated, String file, int line) {
        ResId id = generated.currentId();
        List<Resource> matches = resources.stream()
                .filter(r -> r.allIds().stream().anyMatch(id::matches)).toList();
        if (matches.isEmpty()) {
            if (generated.behavior() != GeneratorBehavior.CREATE) {
                throw new RenderException(file, line, "behavior " + generated.behavior().name().toLowerCase()
                        + " needs an existing " + id + " to " + generated.behavior().name().toLowerCase()
                        + " with, and there is none; use behavior create, or check the name and namespace");
            }
            resources.add(generated);
            return;
        }
        if (matches.size() > 1) {
            throw new RenderException(file, line, "more than one object could take the generated " + id + ": "
                    + matches);
        }
        Resource old = matches.get(0);
        if (generated.behavior() == GeneratorBehavior.CREATE) {
            throw new RenderException(file, line, "generates " + id + ", which already exists (from "
                    + old.origin() + "); set behavior: merge or behavior: replace to change it");
        }
        ObjectNode object = generated.object();
        ObjectNode metadata = generated.metadata();
        mergeInto(metadata, "labels", old.object().path("metadata").path("labels"));
        mergeInto(metadata, "annotations", old.object().path("metadata").path("annotations"));
        generated.setName(old.name());
        generated.setNamespace(old.namespace());
        if (generated.behavior() == GeneratorBehavior.MERGE) {
            mergeInto(object, "data", old.object().path("data"));
            mergeInto(object, "binaryData", old.object().path("binaryData"));
        }
        generated.inheritHistory(old);
        generated.hashSuffix(old.hashSuffix()); // the name keeps the suffix rule of the object it changes
        resources.set(resources.indexOf(old), generated);
    }

    /** Puts {@code old}'s entries under {@code field} where the new object has none of the same key. */
    private static void mergeInto(ObjectNode target, String field, JsonNode old) {
        if (!(old instanceof ObjectNode oldMap) || oldMap.isEmpty()) {
            return;
        }
        ObjectNode merged = oldMap.deepCopy();
        if (target.get(field) instanceof ObjectNode newMap) {
            merged.setAll(newMap);
        }
        target.set(field, merged);
    }

    void appendAll(ResourceSet other, String file, int line) {
        for (Resource resource : other.resources) {
            append(resource, file, line);
        }
    }

    void remove(Resource resource) {
        resources.remove(resource);
    }

    /** The objects a patch target picks: regular expressions on kind, name, namespace; label and annotation selectors. */
    List<Resource> select(Kustomization.Selector selector, String file, int line) {
        Pattern group = regex(selector.group(), file, line);
        Pattern version = regex(selector.version(), file, line);
        Pattern kind = regex(selector.kind(), file, line);
        Pattern name = regex(selector.name(), file, line);
        Pattern namespace = regex(selector.namespace(), file, line);
        LabelSelector labels = labelSelector(selector.labelSelector(), "labelSelector", file, line);
        LabelSelector annotations = labelSelector(selector.annotationSelector(), "annotationSelector", file, line);
        List<Resource> selected = new ArrayList<>();
        for (Resource resource : resources) {
            ResId current = resource.currentId();
            ResId original = resource.originalId();
            if (namespace != null && !namespace.matcher(original.effectiveNamespace()).matches()
                    && !namespace.matcher(current.effectiveNamespace()).matches()) {
                continue;
            }
            if (name != null && !name.matcher(original.name()).matches() && !name.matcher(current.name()).matches()) {
                continue;
            }
            if (group != null && !group.matcher(current.group()).matches()
                    || version != null && !version.matcher(current.version()).matches()
                    || kind != null && !kind.matcher(current.kind()).matches()) {
                continue;
            }
            if (labels != null && !labels.matches(textMap(resource.object().path("metadata").path("labels")))) {
                continue;
            }
            if (annotations != null
                    && !annotations.matches(textMap(resource.object().path("metadata").path("annotations")))) {
                continue;
            }
            selected.add(resource);
        }
        return selected;
    }

    private static Map<String, String> textMap(JsonNode map) {
        Map<String, String> result = new HashMap<>();
        map.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    private static Pattern regex(String pattern, String file, int line) {
        if (pattern.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new RenderException(file, line, "the patch target \"" + pattern + "\" is not a valid regular"
                    + " expression: " + e.getDescription());
        }
    }

    private static LabelSelector labelSelector(String text, String field, String file, int line) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LabelSelector.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RenderException(file, line, "target." + field + " \"" + text + "\" is not a valid selector: "
                    + e.getMessage());
        }
    }
}
