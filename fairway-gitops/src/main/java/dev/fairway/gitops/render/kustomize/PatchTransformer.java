package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.render.RenderException;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import dev.fairway.kube.patch.JsonPatch;
import dev.fairway.kube.patch.PatchException;
import dev.fairway.kube.patch.StrategicMergePatch;
import dev.fairway.kube.schema.MergeSchema;
import dev.fairway.kube.yaml.Manifest;
import dev.fairway.kube.yaml.ManifestException;
import dev.fairway.kube.yaml.ManifestReader;
import java.util.ArrayList;
import java.util.List;

/**
 * One patch: strategic merge (one or more objects) or JSON 6902 (a list of operations), told
 * apart by its text as kustomize does, applied to its target's objects or, for a strategic merge
 * patch without target, to the object of the patch's own kind and name.
 *
 * @param text the patch text
 * @param source where the patch is written, for messages: the kustomization (and line) or the patch file
 * @param line the line of the patch entry in the kustomization
 */
record PatchTransformer(String text, Kustomization.Selector target, boolean allowNameChange,
        boolean allowKindChange, boolean jsonOnly, String file, int line, String source) {

    private static final ManifestReader READER = new ManifestReader();

    void apply(ResourceSet resources) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new RenderException(file, line, "the patch " + source + " is empty; write a strategic merge patch"
                    + " or a list of JSON patch operations");
        }
        JsonNode first = firstDocument(trimmed);
        if (first instanceof ArrayNode operations) {
            applyJson(resources, operations);
        } else if (jsonOnly) {
            throw new RenderException(file, line, "the JSON 6902 patch " + source + " is not a list of operations"
                    + " (op, path, value)");
        } else {
            applyStrategic(resources, trimmed);
        }
    }

    private JsonNode firstDocument(String trimmed) {
        try {
            if (trimmed.startsWith("[")) {
                return Json.parse(trimmed);
            }
            String firstDocument = trimmed.split("(?m)^---\\s*$", 2)[0];
            return READER.readDocument(firstDocument, source);
        } catch (ManifestException e) {
            throw new RenderException(file, line, "the patch " + source + " is not valid YAML: line " + e.line()
                    + ": " + e.problem());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RenderException(file, line, "the patch " + source + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    private void applyJson(ResourceSet resources, ArrayNode operations) {
        if (target == null) {
            throw new RenderException(file, line, "the JSON patch " + source + " needs a target (kind, name, ...) to"
                    + " say which objects it changes");
        }
        for (Resource resource : resources.select(target, file, line)) {
            resource.storePreviousId();
            try {
                JsonNode patched = JsonPatch.apply(resource.object(), operations);
                if (!(patched instanceof ObjectNode object)) {
                    throw new RenderException(file, line, "the JSON patch " + source + " turns " + resource
                            + " into something that is not an object");
                }
                resource.replaceObject(object);
            } catch (PatchException e) {
                throw new RenderException(file, line, "the JSON patch " + source + " cannot be applied to " + resource
                        + ": " + e.getMessage());
            }
        }
    }

    private void applyStrategic(ResourceSet resources, String trimmed) {
        List<Manifest> patches;
        try {
            patches = READER.read(trimmed, source);
        } catch (ManifestException e) {
            throw new RenderException(file, line, "the patch " + source + " cannot be read: line " + e.line() + ": "
                    + e.problem());
        }
        if (target != null) {
            if (patches.size() > 1) {
                throw new RenderException(file, line, "the patch " + source + " has several objects, which a patch"
                        + " with a target may not have; give each its own patches entry");
            }
            for (Resource resource : resources.select(target, file, line)) {
                ObjectNode patch = patches.get(0).object().deepCopy();
                // a targeted patch changes whatever it selects, whatever kind and name it was written with
                patch.set("apiVersion", resource.object().get("apiVersion"));
                if (!allowKindChange) {
                    patch.put("kind", resource.kind());
                }
                ObjectNode metadata = patch.get("metadata") instanceof ObjectNode m ? m : patch.putObject("metadata");
                if (!allowNameChange) {
                    metadata.put("name", resource.name());
                }
                if (resource.namespace().isEmpty()) {
                    metadata.remove("namespace");
                } else {
                    metadata.put("namespace", resource.namespace());
                }
                merge(resources, resource, patch);
            }
            return;
        }
        for (Manifest manifest : patches) {
            ObjectNode patch = manifest.object();
            Resource probe = new Resource(patch, source, 0);
            ResId id = probe.currentId();
            List<Resource> matches = new ArrayList<>();
            for (Resource resource : resources.resources()) {
                if (resource.allIds().stream().anyMatch(id::matches)) {
                    matches.add(resource);
                }
            }
            if (matches.size() != 1) {
                throw new RenderException(file, line, (matches.isEmpty() ? "no object matches" : "several objects"
                        + " match") + " the strategic merge patch for " + id + " (" + source + "); the patch names"
                        + " the object it changes by apiVersion, kind, name and namespace: check them against the"
                        + " resources");
            }
            merge(resources, matches.get(0), patch);
        }
    }

    private void merge(ResourceSet resources, Resource resource, ObjectNode patch) {
        String kind = resource.kind();
        String name = resource.name();
        String namespace = resource.namespace();
        if (allowNameChange || allowKindChange) {
            resource.storePreviousId();
        }
        ObjectNode merged;
        try {
            merged = StrategicMergePatch.apply(resource.object(), patch, MergeSchema.builtin(),
                    GroupVersionKind.of(resource.object().path("apiVersion").asText(), kind));
        } catch (PatchException e) {
            throw new RenderException(file, line, "the patch " + source + " cannot be applied to " + resource + ": "
                    + e.getMessage());
        }
        if (merged.isEmpty()) {
            resources.remove(resource); // $patch: delete
            return;
        }
        resource.replaceObject(merged);
        if (!allowKindChange) {
            merged.put("kind", kind);
        }
        if (!allowNameChange) {
            resource.setName(name);
        }
        resource.setNamespace(namespace);
    }
}
