package dev.fairway.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies an application's {@code spec.source.kustomize} options to a kustomization tree the way
 * Argo CD does with {@code kustomize edit}: {@code set nameprefix}, {@code set namesuffix},
 * {@code set image}, {@code set replicas}, {@code add label [--force] [--without-selector]},
 * {@code add annotation [--force]}, {@code set namespace}, {@code add component}, and appending
 * {@code patches}. Done on the tree here so that no {@code kustomize} binary is needed for it.
 */
final class KustomizationEdit {

    /** {@code name:tag}, where the tag has no slash (so {@code host:5000/app} is no tag). */
    private static final Pattern TAGGED = Pattern.compile("^(.*):([a-zA-Z0-9._-]*)$");

    private final String file;
    private final Path directory;

    /**
     * @param file the kustomization's name as errors show it
     * @param directory the kustomization's directory, where component paths are checked
     */
    KustomizationEdit(String file, Path directory) {
        this.file = file;
        this.directory = directory;
    }

    ObjectNode apply(ObjectNode kustomization, KustomizeOptions options) {
        ObjectNode edited = kustomization.deepCopy();
        if (!options.namePrefix().isEmpty()) {
            edited.put("namePrefix", options.namePrefix());
        }
        if (!options.nameSuffix().isEmpty()) {
            edited.put("nameSuffix", options.nameSuffix());
        }
        if (!options.images().isEmpty()) {
            setImages(edited, options.images());
        }
        if (!options.replicas().isEmpty()) {
            setReplicas(edited, options.replicas());
        }
        if (!options.commonLabels().isEmpty()) {
            addLabels(edited, options);
        }
        if (!options.commonAnnotations().isEmpty()) {
            addPairs(edited, "commonAnnotations", options.commonAnnotations(), options.forceCommonAnnotations(),
                    "annotation", "forceCommonAnnotations");
        }
        if (!options.namespace().isEmpty()) {
            edited.put("namespace", options.namespace());
        }
        if (!options.patches().isEmpty()) {
            ArrayNode patches = list(edited, "patches");
            options.patches().forEach(patch -> patches.add(patch.deepCopy()));
        }
        if (!options.components().isEmpty()) {
            addComponents(edited, options);
        }
        return edited;
    }

    /** {@code kustomize edit set image}: merge by name, keep what the argument leaves out, sort by name. */
    private void setImages(ObjectNode kustomization, List<String> arguments) {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        for (JsonNode existing : list(kustomization, "images")) {
            if (existing instanceof ObjectNode image && image.hasNonNull("name")) {
                byName.put(image.get("name").asText(), image.deepCopy());
            }
        }
        for (String argument : arguments) {
            ObjectNode change = parseImage(argument);
            String name = change.get("name").asText();
            ObjectNode image = byName.computeIfAbsent(name, key -> change.objectNode().put("name", key));
            if (change.has("newName")) {
                image.put("newName", change.get("newName").asText());
            }
            if (change.has("newTag")) {
                image.put("newTag", change.get("newTag").asText());
                if (!change.has("digest")) {
                    image.remove("digest");
                }
            }
            if (change.has("digest")) {
                image.put("digest", change.get("digest").asText());
                if (!change.has("newTag")) {
                    image.remove("newTag");
                }
            }
        }
        ArrayNode images = kustomization.putArray("images");
        byName.values().stream().sorted(Comparator.comparing(image -> image.get("name").asText()))
                .forEach(images::add);
    }

    private ObjectNode parseImage(String argument) {
        ObjectNode image = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        String[] renamed = argument.split("=", -1);
        if (renamed.length > 2 || argument.isBlank()) {
            throw invalidImage(argument);
        }
        String target = renamed.length == 2 ? renamed[1] : argument;
        String name = null;
        String digest = null;
        int at = target.indexOf('@');
        if (at >= 0) {
            digest = target.substring(at + 1);
            target = target.substring(0, at);
        }
        String tag = null;
        Matcher tagged = TAGGED.matcher(target);
        if (tagged.matches()) {
            target = tagged.group(1);
            tag = tagged.group(2);
        }
        if (renamed.length == 2) {
            name = renamed[0];
            if (!target.isEmpty() && !target.equals("*")) {
                image.put("newName", target);
            }
        } else {
            name = target;
            if (tag == null && digest == null) {
                throw invalidImage(argument); // a bare name changes nothing
            }
        }
        if (name.isEmpty()) {
            throw invalidImage(argument);
        }
        image.put("name", name);
        if (tag != null) {
            image.put("newTag", tag);
        }
        if (digest != null) {
            image.put("digest", digest);
        }
        return image;
    }

    private RenderException invalidImage(String argument) {
        return new RenderException(file, 0, "spec.source.kustomize.images has \"" + argument + "\", which is not an"
                + " image override; write NAME:TAG, NAME@DIGEST, NAME=NEWNAME, NAME=NEWNAME:TAG or NAME=NEWNAME@DIGEST");
    }

    /** {@code kustomize edit set replicas NAME=COUNT}: replace the count of the same name or append. */
    private void setReplicas(ObjectNode kustomization, List<KustomizeOptions.Replica> replicas) {
        ArrayNode list = list(kustomization, "replicas");
        for (KustomizeOptions.Replica replica : replicas) {
            long count;
            try {
                count = Long.parseLong(replica.count().trim());
            } catch (NumberFormatException e) {
                throw new RenderException(file, 0, "spec.source.kustomize.replicas: count \"" + replica.count()
                        + "\" of " + replica.name() + " is not a whole number");
            }
            if (replica.name().isEmpty()) {
                throw new RenderException(file, 0, "spec.source.kustomize.replicas: an entry has no name");
            }
            ObjectNode entry = null;
            for (JsonNode existing : list) {
                if (existing instanceof ObjectNode object && replica.name().equals(object.path("name").asText())) {
                    entry = object;
                }
            }
            if (entry == null) {
                entry = list.addObject().put("name", replica.name());
            }
            entry.put("count", count);
        }
    }

    private void addLabels(ObjectNode kustomization, KustomizeOptions options) {
        if (!options.labelWithoutSelector()) {
            addPairs(kustomization, "commonLabels", options.commonLabels(), options.forceCommonLabels(), "label",
                    "forceCommonLabels");
            return;
        }
        // --without-selector writes a "labels" entry that leaves selectors alone.
        ArrayNode labels = list(kustomization, "labels");
        ObjectNode entry = labels.addObject();
        ObjectNode pairs = entry.putObject("pairs");
        options.commonLabels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(label -> pairs.put(label.getKey(), label.getValue()));
        if (options.labelIncludeTemplates()) {
            entry.put("includeTemplates", true);
        }
    }

    /** {@code kustomize edit add label|annotation}: refuses to change an existing key unless forced. */
    private void addPairs(ObjectNode kustomization, String field, Map<String, String> pairs, boolean force,
            String what, String forceOption) {
        JsonNode existing = kustomization.get(field);
        ObjectNode map;
        if (existing instanceof ObjectNode object) {
            map = object;
        } else if (existing == null || existing.isNull()) {
            map = kustomization.putObject(field);
        } else {
            throw new RenderException(file, 0, field + " in the kustomization is not a mapping");
        }
        List<String> keys = new ArrayList<>(pairs.keySet());
        keys.sort(null);
        for (String key : keys) {
            if (map.has(key) && !force && !map.get(key).asText().equals(pairs.get(key))) {
                throw new RenderException(file, 0, what + " " + key + " is already set in the kustomization (to \""
                        + map.get(key).asText() + "\"); set spec.source.kustomize." + forceOption
                        + ": true to override it");
            }
            map.put(key, pairs.get(key));
        }
    }

    private void addComponents(ObjectNode kustomization, KustomizeOptions options) {
        ArrayNode components = list(kustomization, "components");
        for (String component : options.components()) {
            if (!Files.exists(directory.resolve(component))) {
                if (options.ignoreMissingComponents()) {
                    continue;
                }
                throw new RenderException(file, 0, "component " + component + " of spec.source.kustomize.components"
                        + " does not exist next to the kustomization; fix the path or set ignoreMissingComponents");
            }
            boolean present = false;
            for (JsonNode existing : components) {
                present |= existing.asText().equals(component);
            }
            if (!present) {
                components.add(component);
            }
        }
    }

    private ArrayNode list(ObjectNode kustomization, String field) {
        JsonNode existing = kustomization.get(field);
        if (existing instanceof ArrayNode array) {
            return array;
        }
        if (existing != null && !existing.isNull()) {
            throw new RenderException(file, 0, field + " in the kustomization is not a list");
        }
        return kustomization.putArray(field);
    }
}
