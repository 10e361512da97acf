package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One object during a build, with what kustomize remembers about it beside the object itself:
 * the ids it had before transformers renamed it (so that references to the old names can be
 * fixed at the end), the prefixes and suffixes it received, and, for generated objects, whether
 * it gets a content hash suffix and how it combines with an object of the same id.
 */
final class Resource {

    private ObjectNode object;
    private final String file;
    private final int line;
    private final List<ResId> previousIds = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private boolean hashSuffix;
    private GeneratorBehavior behavior = GeneratorBehavior.CREATE;

    /**
     * @param file where the object was written or generated, for messages
     * @param line its line there
     */
    Resource(ObjectNode object, String file, int line) {
        this.object = object;
        this.file = file;
        this.line = line;
    }

    ObjectNode object() {
        return object;
    }

    void replaceObject(ObjectNode replacement) {
        object = replacement;
    }

    String origin() {
        return file + ":" + line;
    }

    String file() {
        return file;
    }

    int line() {
        return line;
    }

    ResId currentId() {
        String apiVersion = object.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        JsonNode metadata = object.path("metadata");
        return new ResId(group, version, object.path("kind").asText(""), metadata.path("name").asText(""),
                metadata.path("namespace").asText(""));
    }

    /** The id the object had when it entered the build. */
    ResId originalId() {
        return previousIds.isEmpty() ? currentId() : previousIds.get(0);
    }

    List<ResId> previousIds() {
        return previousIds;
    }

    /** Current and previous ids. */
    List<ResId> allIds() {
        List<ResId> all = new ArrayList<>(previousIds);
        all.add(currentId());
        return all;
    }

    void storePreviousId() {
        previousIds.add(currentId());
    }

    String name() {
        return object.path("metadata").path("name").asText("");
    }

    String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }

    String kind() {
        return object.path("kind").asText("");
    }

    ObjectNode metadata() {
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode existing) {
            return existing;
        }
        return object.putObject("metadata");
    }

    void setName(String name) {
        metadata().put("name", name);
    }

    void setNamespace(String namespace) {
        if (namespace.isEmpty()) {
            metadata().remove("namespace");
        } else {
            metadata().put("namespace", namespace);
        }
    }

    List<String> prefixes() {
        return prefixes;
    }

    List<String> suffixes() {
        return suffixes;
    }

    boolean hashSuffix() {
        return hashSuffix;
    }

    void hashSuffix(boolean enabled) {
        hashSuffix = enabled;
    }

    GeneratorBehavior behavior() {
        return behavior;
    }

    void behavior(GeneratorBehavior behavior) {
        this.behavior = behavior;
    }

    /** Takes over the history of the object this one replaces (a generator merge or replace). */
    void inheritHistory(Resource old) {
        previousIds.clear();
        previousIds.addAll(old.previousIds);
        prefixes.clear();
        prefixes.addAll(old.prefixes);
        suffixes.clear();
        suffixes.addAll(old.suffixes);
    }

    /** Kustomize's test of whether two objects got their names in the same kustomization layers. */
    boolean sameAffixes(Resource other, boolean allowEmpty) {
        if (allowEmpty) {
            boolean prefixOk = prefixes.isEmpty() || other.prefixes.isEmpty() || sameEnding(prefixes, other.prefixes);
            boolean suffixOk = suffixes.isEmpty() || other.suffixes.isEmpty() || sameEnding(suffixes, other.suffixes);
            return prefixOk && suffixOk;
        }
        return sameEnding(prefixes, other.prefixes) && sameEnding(suffixes, other.suffixes);
    }

    /** One list ends with the other (the shorter is a tail of the longer). */
    private static boolean sameEnding(List<String> a, List<String> b) {
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = a.size() <= b.size() ? b : a;
        if (shorter.isEmpty()) {
            return longer.isEmpty();
        }
        return longer.subList(longer.size() - shorter.size(), longer.size()).equals(shorter);
    }

    Resource copy() {
        Resource copy = new Resource(object.deepCopy(), file, line);
        copy.inheritHistory(this);
        copy.hashSuffix = hashSuffix;
        copy.behavior = behavior;
        return copy;
    }

    @Override
    public String toString() {
        return currentId().toString();
    }
}
