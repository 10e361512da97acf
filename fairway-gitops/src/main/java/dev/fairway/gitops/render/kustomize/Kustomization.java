package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.render.RenderException;
import dev.fairway.kube.yaml.ManifestException;
import dev.fairway.kube.yaml.ManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kustomization file, read strictly: every field checked for its type, unknown fields
 * refused as kustomize refuses them, and fields the built-in renderer does not implement
 * reported as {@link UnsupportedKustomization}. Every mistake names the file and line.
 */
final class Kustomization {

    /** The file names kustomize looks for, in its order. */
    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private static final Set<String> UNSUPPORTED = Set.of("helmCharts", "helmGlobals", "helmChartInflationGenerator",
            "replacements", "vars", "configurations", "generators", "transformers", "validators", "openapi",
            "buildMetadata", "sortOptions");

    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "metadata", "resources", "bases",
            "components", "crds", "namespace", "namePrefix", "nameSuffix", "commonLabels", "labels",
            "commonAnnotations", "images", "imageTags", "replicas", "patches", "patchesStrategicMerge",
            "patchesJson6902", "configMapGenerator", "secretGenerator", "generatorOptions");

    record Selector(String group, String version, String kind, String name, String namespace, String labelSelector,
            String annotationSelector) {}

    /** A patch: a file ({@code path}) or inline text, with an optional target; {@code pointer} locates it. */
    record Patch(String path, String inline, Selector target, boolean allowNameChange, boolean allowKindChange,
            String pointer) {}

    record Label(Map<String, String> pairs, boolean includeSelectors, boolean includeTemplates) {}

    record Image(String name, String newName, String newTag, String digest) {}

    record Replica(String name, long count, String pointer) {}

    record GeneratorOptions(Map<String, String> labels, Map<String, String> annotations, boolean disableNameSuffixHash,
            boolean immutable) {
        static final GeneratorOptions NONE = new GeneratorOptions(Map.of(), Map.of(), false, false);

        /** Kustomize's merge: the generator's own labels and annotations win, either flag set sets it. */
        GeneratorOptions under(GeneratorOptions global) {
            Map<String, String> mergedLabels = new LinkedHashMap<>(global.labels);
            mergedLabels.putAll(labels);
            Map<String, String> mergedAnnotations = new LinkedHashMap<>(global.annotations);
            mergedAnnotations.putAll(annotations);
            return new GeneratorOptions(mergedLabels, mergedAnnotations,
                    disableNameSuffixHash || global.disableNameSuffixHash, immutable || global.immutable);
        }
    }

    /** A {@code configMapGenerator} or {@code secretGenerator} entry. */
    record Generator(String kind, String name, String namespace, GeneratorBehavior behavior, List<String> literals,
            List<String> files, List<String> envs, String type, GeneratorOptions options, String pointer) {}

    final Path directory;
    final String file;
    final LineIndex lines;
    final boolean component;
    final List<String> resources = new ArrayList<>();
    /** Where each of {@link #resources} is written ({@code resources} or the old {@code bases}). */
    final List<String> resourcePointers = new ArrayList<>();
    final List<String> components = new ArrayList<>();
    final String namespace;
    final String namePrefix;
    final String nameSuffix;
    final Map<String, String> commonLabels;
    final List<Label> labels = new ArrayList<>();
    final Map<String, String> commonAnnotations;
    final List<Image> images = new ArrayList<>();
    final List<Replica> replicas = new ArrayList<>();
    final List<Patch> patches = new ArrayList<>();
    final List<Patch> patchesStrategicMerge = new ArrayList<>();
    final List<Patch> patchesJson6902 = new ArrayList<>();
    final List<Generator> generators = new ArrayList<>();

    private final ObjectNode tree;

    /** Reads the kustomization in {@code directory}; {@code file} is its name as messages show it. */
    static Kustomization read(Path directory, Path path, String file) {
        try {
            return parse(directory, Files.readString(path), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads kustomization text that belongs in {@code directory}. */
    static Kustomization parse(Path directory, String text, String file) {
        JsonNode tree;
        try {
            tree = new ManifestReader().readDocument(text, file);
        } catch (ManifestException e) {
            throw new RenderException(e.file(), e.line(), e.problem(), e);
        }
        if (tree.isNull()) {
            tree = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new RenderException(file, 1, "is not a mapping, so it is no kustomization; write fields such as"
                    + " \"resources:\" at the top level");
        }
        return new Kustomization(directory, file, LineIndex.of(text), object);
    }

    private Kustomization(Path directory, String file, LineIndex lines, ObjectNode tree) {
        this.directory = directory;
        this.file = file;
        this.lines = lines;
        this.tree = tree;
        for (var field : tree.properties()) {
            String key = field.getKey();
            if (UNSUPPORTED.contains(key)) {
                throw new UnsupportedKustomization(file, line("/" + key), key);
            }
            if (!KNOWN.contains(key)) {
                throw fail("/" + key, "has the unknown field \"" + key + "\"; check its spelling against the"
                        + " kustomization reference (kubectl explain does not cover it: see kubectl.docs.kubernetes.io)");
            }
        }
        boolean empty = true;
        for (var field : tree.properties()) {
            empty &= field.getKey().equals("apiVersion") || field.getKey().equals("kind") || field.getValue().isNull();
        }
        if (empty) {
            throw new RenderException(file, 1, "is empty, which kustomize refuses; list resources, components or"
                    + " generators in it");
        }
        String kind = text("/kind", tree.get("kind"), "Kustomization");
        if (!kind.equals("Kustomization") && !kind.equals("Component")) {
            throw fail("/kind", "kind is \"" + kind + "\"; a kustomization has kind Kustomization or Component");
        }
        component = kind.equals("Component");
        for (String list : List.of("/resources", "/bases")) {
            List<String> entries = texts(list);
            for (int i = 0; i < entries.size(); i++) {
                if (isRemote(entries.get(i))) {
                    throw new UnsupportedKustomization(file, line(list + "/" + i), "the remote resource "
                            + entries.get(i));
                }
                resources.add(entries.get(i));
                resourcePointers.add(list + "/" + i);
            }
        }
        components.addAll(texts("/components"));
        texts("/crds"); // only teaches kustomize about references inside custom resources: not needed here
        namespace = text("/namespace", tree.get("namespace"), "");
        namePrefix = text("/namePrefix", tree.get("namePrefix"), "");
        nameSuffix = text("/nameSuffix", tree.get("nameSuffix"), "");
        commonLabels = textMap("/commonLabels");
        commonAnnotations = textMap("/commonAnnotations");
        readLabels();
        readImages("/images");
        readImages("/imageTags");
        readReplicas();
        readPatches();
        GeneratorOptions global = options("/generatorOptions");
        readGenerators("/configMapGenerator", "ConfigMap", global);
        readGenerators("/secretGenerator", "Secret", global);
    }

    static boolean isRemote(String resource) {
        return resource.contains("://") || resource.startsWith("git@") || resource.startsWith("github.com/")
                || resource.startsWith("gitlab.com/") || resource.startsWith("bitbucket.org/");
    }

    int line(String pointer) {
        return lines.line(pointer);
    }

    RenderException fail(String pointer, String problem) {
        return new RenderException(file, line(pointer), problem);
    }

    private JsonNode at(String pointer) {
        JsonNode node = tree.at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    private String field(String pointer) {
        return pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.');
    }

    private String text(String pointer, JsonNode node, String fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isContainerNode()) {
            throw fail(pointer, field(pointer) + " must be text, not a " + (node.isArray() ? "list" : "mapping"));
        }
        return node.asText();
    }

    /** A field kustomize reads as a string: a number or boolean in YAML is refused, as kustomize refuses it. */
    private String strictText(String pointer) {
        JsonNode node = at(pointer);
        if (node != null && !node.isTextual()) {
            throw fail(pointer, field(pointer) + " must be text; put quotes around " + node.asText());
        }
        return node == null ? "" : node.asText();
    }

    private boolean bool(String pointer) {
        JsonNode node = at(pointer);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw fail(pointer, field(pointer) + " must be true or false");
        }
        return node.asBoolean();
    }

    private List<JsonNode> list(String pointer) {
        JsonNode node = at(pointer);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail(pointer, field(pointer) + " must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private List<String> texts(String pointer) {
        List<String> texts = new ArrayList<>();
        List<JsonNode> items = list(pointer);
        for (int i = 0; i < items.size(); i++) {
            String item = text(pointer + "/" + i, items.get(i), "");
            if (item.isBlank()) {
                throw fail(pointer + "/" + i, field(pointer) + " has an empty entry; remove it");
            }
            texts.add(item);
        }
        return texts;
    }

    private ObjectNode object(String pointer) {
        JsonNode node = at(pointer);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ObjectNode object)) {
            throw fail(pointer, field(pointer) + " must be a mapping");
        }
        return object;
    }

    private void onlyFields(String pointer, ObjectNode object, Set<String> allowed, Set<String> unsupported) {
        for (String key : (Iterable<String>) object::fieldNames) {
            if (unsupported.contains(key)) {
                throw new UnsupportedKustomization(file, line(pointer + "/" + key), field(pointer + "/" + key));
            }
            if (!allowed.contains(key)) {
                throw fail(pointer + "/" + key, field(pointer) + " has the unknown field \"" + key + "\"; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private Map<String, String> textMap(String pointer) {
        ObjectNode object = object(pointer);
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null) {
            for (var entry : object.properties()) {
                map.put(entry.getKey(), strictText(pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1")));
            }
        }
        return map;
    }

    private void readLabels() {
        List<JsonNode> items = list("/labels");
        for (int i = 0; i < items.size(); i++) {
            String pointer = "/labels/" + i;
            ObjectNode label = object(pointer);
            if (label == null) {
                throw fail(pointer, "labels[" + i + "] must be a mapping with pairs");
            }
            onlyFields(pointer, label, Set.of("pairs", "includeSelectors", "includeTemplates"), Set.of("fields"));
            labels.add(new Label(textMap(pointer + "/pairs"), bool(pointer + "/includeSelectors"),
                    bool(pointer + "/includeTemplates")));
        }
    }

    private void readImages(String listPointer) {
        List<JsonNode> items = list(listPointer);
        for (int i = 0; i < items.size(); i++) {
            String pointer = listPointer + "/" + i;
            ObjectNode image = object(pointer);
            if (image == null) {
                throw fail(pointer, field(pointer) + " must be a mapping with name and newName, newTag or digest");
            }
            onlyFields(pointer, image, Set.of("name", "newName", "newTag", "digest"), Set.of("tagSuffix"));
            String name = text(pointer + "/name", image.get("name"), "");
            if (name.isEmpty()) {
                throw fail(pointer, field(pointer) + " has no name; name the image to change, e.g. name: nginx");
            }
            images.add(new Image(name, text(pointer + "/newName", image.get("newName"), ""),
                    text(pointer + "/newTag", image.get("newTag"), ""),
                    text(pointer + "/digest", image.get("digest"), "")));
        }
    }

    private void readReplicas() {
        List<JsonNode> items = list("/replicas");
        for (int i = 0; i < items.size(); i++) {
            String pointer = "/replicas/" + i;
            ObjectNode replica = object(pointer);
            if (replica == null) {
                throw fail(pointer, "replicas[" + i + "] must be a mapping with name and count");
            }
            onlyFields(pointer, replica, Set.of("name", "count"), Set.of());
            JsonNode count = replica.get("count");
            if (count == null || !count.canConvertToLong() || !count.isIntegralNumber()) {
                throw fail(pointer + "/count", "replicas[" + i + "].count must be a whole number");
            }
            replicas.add(new Replica(text(pointer + "/name", replica.get("name"), ""), count.asLong(), pointer));
        }
    }

    private void readPatches() {
        List<JsonNode> items = list("/patches");
        for (int i = 0; i < items.size(); i++) {
            String pointer = "/patches/" + i;
            ObjectNode patch = object(pointer);
            if (patch == null) {
                throw fail(pointer, "patches[" + i + "] must be a mapping with path or patch");
            }
            onlyFields(pointer, patch, Set.of("path", "patch", "target", "options"), Set.of());
            ObjectNode options = object(pointer + "/options");
            if (options != null) {
                onlyFields(pointer + "/options", options, Set.of("allowNameChange", "allowKindChange"), Set.of());
            }
            patches.add(new Patch(text(pointer + "/path", patch.get("path"), ""),
                    text(pointer + "/patch", patch.get("patch"), ""), selector(pointer + "/target"),
                    bool(pointer + "/options/allowNameChange"), bool(pointer + "/options/allowKindChange"), pointer));
        }
        List<JsonNode> strategic = list("/patchesStrategicMerge");
        for (int i = 0; i < strategic.size(); i++) {
            String pointer = "/patchesStrategicMerge/" + i;
            String value = text(pointer, strategic.get(i), "");
            // kustomize takes an entry as a file when such a file exists, else as the patch itself
            boolean isFile = !value.contains("\n") && Files.isRegularFile(directory.resolve(value.strip()));
            patchesStrategicMerge.add(new Patch(isFile ? value.strip() : "", isFile ? "" : value, null, false, false,
                    pointer));
        }
        List<JsonNode> json = list("/patchesJson6902");
        for (int i = 0; i < json.size(); i++) {
            String pointer = "/patchesJson6902/" + i;
            ObjectNode patch = object(pointer);
            if (patch == null) {
                throw fail(pointer, field(pointer) + " must be a mapping with target and path or patch");
            }
            onlyFields(pointer, patch, Set.of("path", "patch", "target"), Set.of());
            patchesJson6902.add(new Patch(text(pointer + "/path", patch.get("path"), ""),
                    text(pointer + "/patch", patch.get("patch"), ""), selector(pointer + "/target"), false, false,
                    pointer));
        }
    }

    private Selector selector(String pointer) {
        ObjectNode target = object(pointer);
        if (target == null) {
            return null;
        }
        onlyFields(pointer, target, Set.of("group", "version", "kind", "name", "namespace", "labelSelector",
                "annotationSelector"), Set.of());
        return new Selector(text(pointer + "/group", target.get("group"), ""),
                text(pointer + "/version", target.get("version"), ""), text(pointer + "/kind", target.get("kind"), ""),
                text(pointer + "/name", target.get("name"), ""), text(pointer + "/namespace", target.get("namespace"), ""),
                text(pointer + "/labelSelector", target.get("labelSelector"), ""),
                text(pointer + "/annotationSelector", target.get("annotationSelector"), ""));
    }

    private GeneratorOptions options(String pointer) {
        ObjectNode options = object(pointer);
        if (options == null) {
            return GeneratorOptions.NONE;
        }
        onlyFields(pointer, options, Set.of("labels", "annotations", "disableNameSuffixHash", "immutable"), Set.of());
        return new GeneratorOptions(textMap(pointer + "/labels"), textMap(pointer + "/annotations"),
                bool(pointer + "/disableNameSuffixHash"), bool(pointer + "/immutable"));
    }

    private void readGenerators(String listPointer, String kind, GeneratorOptions global) {
        List<JsonNode> items = list(listPointer);
        for (int i = 0; i < items.size(); i++) {
            String pointer = listPointer + "/" + i;
            ObjectNode generator = object(pointer);
            if (generator == null) {
                throw fail(pointer, field(pointer) + " must be a mapping with name and literals, files or envs");
            }
            Set<String> allowed = new java.util.HashSet<>(Set.of("name", "namespace", "behavior", "literals", "files",
                    "envs", "env", "options"));
            if (kind.equals("Secret")) {
                allowed.add("type");
            }
            onlyFields(pointer, generator, allowed, Set.of());
            String name = text(pointer + "/name", generator.get("name"), "");
            if (name.isEmpty()) {
                throw fail(pointer, field(pointer) + " has no name; a generated " + kind + " needs one");
            }
            String behaviorText = text(pointer + "/behavior", generator.get("behavior"), "create");
            GeneratorBehavior behavior = switch (behaviorText) {
                case "", "create" -> GeneratorBehavior.CREATE;
                case "merge" -> GeneratorBehavior.MERGE;
                case "replace" -> GeneratorBehavior.REPLACE;
                default -> throw fail(pointer + "/behavior", "behavior \"" + behaviorText
                        + "\" is not one of create, merge, replace");
            };
            List<String> envs = new ArrayList<>(texts(pointer + "/envs"));
            String env = text(pointer + "/env", generator.get("env"), "");
            if (!env.isEmpty()) {
                envs.add(env);
            }
            generators.add(new Generator(kind, name, text(pointer + "/namespace", generator.get("namespace"), ""),
                    behavior, texts(pointer + "/literals"), texts(pointer + "/files"), envs,
                    text(pointer + "/type", generator.get("type"), ""), options(pointer + "/options").under(global),
                    pointer));
        }
    }
}
