package dev.fairway.sandbox.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersion;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.ResourceRegistry;
import dev.fairway.sandbox.api.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Discovery documents, legacy ({@code APIVersions}, {@code APIGroupList}, {@code APIResourceList})
 * and aggregated ({@code apidiscovery.k8s.io} v2 and v2beta1), built from the registry.
 */
final class Discovery {

    /** A subresource as discovery advertises it. */
    record Sub(String name, String group, String version, String kind, List<String> verbs) {}

    private final ResourceRegistry registry;

    Discovery(ResourceRegistry registry) {
        this.registry = registry;
    }

    static List<Sub> subresources(ResourceType t) {
        List<Sub> subs = new ArrayList<>();
        List<String> gpu = List.of("get", "patch", "update");
        if (t.scaleSubresource()) {
            subs.add(new Sub("scale", "autoscaling", "v1", "Scale", gpu));
        }
        if (t.statusSubresource()) {
            subs.add(new Sub("status", t.group(), t.version(), t.kind(), gpu));
        }
        if (t.group().isEmpty()) {
            switch (t.plural()) {
                case "pods" -> {
                    subs.add(new Sub("binding", "", "v1", "Binding", List.of("create")));
                    subs.add(new Sub("eviction", "policy", "v1", "Eviction", List.of("create")));
                    subs.add(new Sub("log", "", "v1", "Pod", List.of("get")));
                }
                case "namespaces" -> subs.add(new Sub("finalize", "", "v1", "Namespace", List.of("update")));
                case "serviceaccounts" -> subs.add(new Sub("token", "authentication.k8s.io", "v1", "TokenRequest", List.of("create")));
                default -> { }
            }
        }
        subs.sort((a, b) -> a.name().compareTo(b.name()));
        return subs;
    }

    ObjectNode apiVersions(String serverAddress) {
        ObjectNode o = Json.object();
        o.put("kind", "APIVersions");
        o.putArray("versions").add("v1");
        ObjectNode addr = o.putArray("serverAddressByClientCIDRs").addObject();
        addr.put("clientCIDR", "0.0.0.0/0");
        addr.put("serverAddress", serverAddress);
        return o;
    }

    ObjectNode groupList() {
        ObjectNode o = Json.object();
        o.put("kind", "APIGroupList");
        o.put("apiVersion", "v1");
        ArrayNode groups = o.putArray("groups");
        for (Map.Entry<String, List<String>> e : registry.groupVersions().entrySet()) {
            if (!e.getKey().isEmpty()) {
                groups.add(group(e.getKey(), e.getValue()));
            }
        }
        return o;
    }

    ObjectNode group(String name, List<String> versions) {
        ObjectNode g = Json.object();
        g.put("name", name);
        ArrayNode vs = g.putArray("versions");
        for (String v : versions) {
            ObjectNode vo = vs.addObject();
            vo.put("groupVersion", name + "/" + v);
            vo.put("version", v);
        }
        ObjectNode pref = g.putObject("preferredVersion");
        pref.put("groupVersion", name + "/" + versions.get(0));
        pref.put("version", versions.get(0));
        return g;
    }

    /** {@code GET /apis/GROUP}, or null when the group is not served. */
    ObjectNode apiGroup(String name) {
        List<String> versions = registry.groupVersions().get(name);
        if (versions == null || name.isEmpty()) {
            return null;
        }
        ObjectNode g = group(name, versions);
        ObjectNode o = Json.object();
        o.put("kind", "APIGroup");
        o.put("apiVersion", "v1");
        o.setAll(g);
        return o;
    }

    /** {@code GET /api/v1} or {@code /apis/G/V}, or null when not served. */
    ObjectNode resourceList(GroupVersion gv) {
        List<ResourceType> types = registry.inGroupVersion(gv);
        if (types.isEmpty()) {
            return null;
        }
        ObjectNode o = Json.object();
        o.put("kind", "APIResourceList");
        o.put("apiVersion", "v1");
        o.put("groupVersion", gv.toString());
        ArrayNode rs = o.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = rs.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            verbs(r.putArray("verbs"), t.verbs());
            if (!t.shortNames().isEmpty()) {
                verbs(r.putArray("shortNames"), t.shortNames());
            }
            if (!t.categories().isEmpty()) {
                verbs(r.putArray("categories"), t.categories());
            }
            r.put("storageVersionHash", storageVersionHash(t));
            for (Sub s : subresources(t)) {
                ObjectNode sr = rs.addObject();
                sr.put("name", t.plural() + "/" + s.name());
                sr.put("singularName", "");
                sr.put("namespaced", t.namespaced());
                if (!s.group().equals(t.group()) || !s.version().equals(t.version())) {
                    sr.put("group", s.group());
                    sr.put("version", s.version());
                }
                sr.put("kind", s.kind());
                verbs(sr.putArray("verbs"), s.verbs());
            }
        }
        return o;
    }

    /** The aggregated document for {@code /api} (core only) or {@code /apis} (all other groups). */
    ObjectNode aggregated(boolean core, String discoveryVersion) {
        ObjectNode o = Json.object();
        o.put("kind", "APIGroupDiscoveryList");
        o.put("apiVersion", "apidiscovery.k8s.io/" + discoveryVersion);
        o.putObject("metadata");
        ArrayNode items = o.putArray("items");
        for (Map.Entry<String, List<String>> e : registry.groupVersions().entrySet()) {
            if (core != e.getKey().isEmpty()) {
                continue;
            }
            ObjectNode item = items.addObject();
            ObjectNode meta = item.putObject("metadata");
            meta.put("name", e.getKey());
            meta.putNull("creationTimestamp");
            ArrayNode versions = item.putArray("versions");
            for (String v : e.getValue()) {
                ObjectNode vo = versions.addObject();
                vo.put("version", v);
                ArrayNode resources = vo.putArray("resources");
                for (ResourceType t : registry.inGroupVersion(new GroupVersion(e.getKey(), v))) {
                    ObjectNode r = resources.addObject();
                    r.put("resource", t.plural());
                    kind(r.putObject("responseKind"), t.group(), t.version(), t.kind());
                    r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
                    r.put("singularResource", t.singular());
                    verbs(r.putArray("verbs"), t.verbs());
                    if (!t.shortNames().isEmpty()) {
                        verbs(r.putArray("shortNames"), t.shortNames());
                    }
                    if (!t.categories().isEmpty()) {
                        verbs(r.putArray("categories"), t.categories());
                    }
                    List<Sub> subs = subresources(t);
                    if (!subs.isEmpty()) {
                        ArrayNode sa = r.putArray("subresources");
                        for (Sub s : subs) {
                            ObjectNode so = sa.addObject();
                            so.put("subresource", s.name());
                            kind(so.putObject("responseKind"), s.group(), s.version(), s.kind());
                            verbs(so.putArray("verbs"), s.verbs());
                        }
                    }
                }
                vo.put("freshness", "Current");
            }
        }
        return o;
    }

    private static void kind(ObjectNode o, String group, String version, String kind) {
        o.put("group", group);
        o.put("version", version);
        o.put("kind", kind);
    }

    private static void verbs(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static String storageVersionHash(ResourceType t) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((t.group() + "/" + t.version() + "/" + t.kind()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(d, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
