package dev.fairway.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersion;
import dev.fairway.kube.GroupVersionKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every resource the server serves: the built-ins plus one {@link ResourceType} per served version
 * of each CustomResourceDefinition. Readers see an immutable snapshot; CRD changes swap it.
 */
public final class ResourceRegistry {

    /** A CRD as the registry knows it: its types (one per served version) and the CRD object. */
    public record CustomResource(ObjectNode crd, List<ResourceType> types) {
        public String group() {
            return types.get(0).group();
        }

        public String plural() {
            return types.get(0).plural();
        }

        /** The CRD version block (schema, subresources, printer columns) of one version. */
        public Optional<JsonNode> version(String version) {
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (version.equals(v.path("name").asText())) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }

        public String storageVersion() {
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("storage").asBoolean()) {
                    return v.path("name").asText();
                }
            }
            return types.get(0).version();
        }
    }

    private record Snapshot(List<ResourceType> all, Map<String, CustomResource> custom) {}

    private final List<ResourceType> builtins;
    private volatile Snapshot snapshot;

    public ResourceRegistry(List<ResourceType> builtins) {
        this.builtins = List.copyOf(builtins);
        this.snapshot = new Snapshot(this.builtins, Map.of());
    }

    public List<ResourceType> all() {
        return snapshot.all();
    }

    public Optional<ResourceType> byResource(String group, String version, String plural) {
        for (ResourceType t : snapshot.all()) {
            if (t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public Optional<ResourceType> byKind(GroupVersionKind gvk) {
        for (ResourceType t : snapshot.all()) {
            if (t.gvk().equals(gvk)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type objects of a group/resource are stored as (its storage version). */
    public Optional<ResourceType> storageType(String group, String plural) {
        ResourceType any = null;
        for (ResourceType t : snapshot.all()) {
            if (t.group().equals(group) && t.plural().equals(plural)) {
                if (t.storageVersion()) {
                    return Optional.of(t);
                }
                any = any == null ? t : any;
            }
        }
        return Optional.ofNullable(any);
    }

    /** Whether any version of this group is served (to tell a wrong version from an unknown group). */
    public boolean servesGroupVersion(String group, String version) {
        return snapshot.all().stream().anyMatch(t -> t.group().equals(group) && t.version().equals(version));
    }

    public Optional<CustomResource> custom(String group, String plural) {
        return Optional.ofNullable(snapshot.custom().get(group + "/" + plural));
    }

    /** Groups in discovery order (built-in groups first as registered, then custom ones by name) with their versions, preferred first. */
    public Map<String, List<String>> groupVersions() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ResourceType t : snapshot.all()) {
            List<String> vs = out.computeIfAbsent(t.group(), g -> new ArrayList<>());
            if (!vs.contains(t.version())) {
                vs.add(t.version());
            }
        }
        for (Map.Entry<String, List<String>> e : out.entrySet()) {
            e.getValue().sort(VERSION_PRIORITY);
        }
        return out;
    }

    public List<ResourceType> inGroupVersion(GroupVersion gv) {
        return snapshot.all().stream()
                .filter(t -> t.group().equals(gv.group()) && t.version().equals(gv.version()))
                .toList();
    }

    /** Replaces the set of CRDs (called with every CRD whenever one changes). */
    public synchronized void setCustomResources(Collection<ObjectNode> crds) {
        Map<String, CustomResource> custom = new TreeMap<>();
        List<ResourceType> all = new ArrayList<>(builtins);
        for (ObjectNode crd : crds) {
            List<ResourceType> types = typesOf(crd);
            if (types.isEmpty()) {
                continue;
            }
            CustomResource cr = new CustomResource(crd, types);
            custom.put(cr.group() + "/" + cr.plural(), cr);
            all.addAll(types);
        }
        snapshot = new Snapshot(List.copyOf(all), Map.copyOf(custom));
    }

    /** The served versions of a CRD as resource types. */
    public static List<ResourceType> typesOf(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asText();
        String plural = names.path("plural").asText();
        String kind = names.path("kind").asText();
        if (group.isEmpty() || plural.isEmpty() || kind.isEmpty()) {
            return List.of();
        }
        String singular = names.path("singular").asText(kind.toLowerCase(Locale.ROOT));
        boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        List<String> categories = new ArrayList<>();
        names.path("categories").forEach(n -> categories.add(n.asText()));
        List<ResourceType> out = new ArrayList<>();
        for (JsonNode v : spec.path("versions")) {
            if (!v.path("served").asBoolean(true)) {
                continue;
            }
            JsonNode sub = v.path("subresources");
            out.add(new ResourceType(group, v.path("name").asText(), kind, plural, singular, namespaced,
                    List.copyOf(shortNames), List.copyOf(categories), ResourceType.ALL_VERBS,
                    sub.has("status"), sub.has("scale"), v.path("storage").asBoolean()));
        }
        return out;
    }

    /**
     * Kubernetes' version priority: GA before beta before alpha, higher numbers first, and
     * versions that do not look like Kubernetes versions last, by name.
     */
    public static final Comparator<String> VERSION_PRIORITY = (a, b) -> {
        int[] ka = versionKey(a);
        int[] kb = versionKey(b);
        for (int i = 0; i < 3; i++) {
            if (ka[i] != kb[i]) {
                return Integer.compare(kb[i], ka[i]);
            }
        }
        return a.compareTo(b);
    };

    private static int[] versionKey(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?").matcher(v);
        if (!m.matches()) {
            return new int[] {-1, 0, 0};
        }
        int stability = m.group(2) == null ? 3 : "beta".equals(m.group(2)) ? 2 : 1;
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new int[] {stability, major, minor};
    }
}
