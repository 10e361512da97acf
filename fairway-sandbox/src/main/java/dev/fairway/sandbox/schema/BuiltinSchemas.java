package dev.fairway.sandbox.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas of the built-in kinds, generated once from fabric8's model classes.
 *
 * <p>Two views of the same schemas: {@link #components()} are named OpenAPI component schemas that
 * refer to each other with {@code $ref} (what {@code /openapi/v3} publishes), and
 * {@link #schemaFor(GroupVersionKind)} is one self-contained structural schema per kind (what the
 * validator reads, the same form as a CRD's {@code openAPIV3Schema}).
 *
 * <p>Thread-safe. Returned trees are shared: callers must not modify them.
 */
public final class BuiltinSchemas {

    private final Map<GroupVersionKind, String> componentNames;
    private final Map<String, ObjectNode> components;
    private final Map<GroupVersionKind, JsonNode> structural = new ConcurrentHashMap<>();

    public BuiltinSchemas() {
        ModelSchemaReflector reflector = new ModelSchemaReflector();
        Map<GroupVersionKind, String> names = new LinkedHashMap<>();
        BuiltinKinds.ALL.forEach((gvk, type) -> names.put(gvk, reflector.define(type)));
        // Shared by every group version document: request and response bodies of the API itself.
        for (String meta : new String[] {"ListMeta", "Status", "DeleteOptions", "APIResourceList", "Patch"}) {
            reflector.define(metaClass(meta));
        }
        names.forEach((gvk, name) -> addGroupVersionKind(reflector.components().get(name), gvk));
        this.componentNames = Collections.unmodifiableMap(names);
        this.components = Collections.unmodifiableMap(reflector.components());
    }

    private static Class<?> metaClass(String simpleName) {
        try {
            return Class.forName("io.fabric8.kubernetes.api.model." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("fabric8 kubernetes-model-core lacks " + simpleName, e);
        }
    }

    private static void addGroupVersionKind(ObjectNode schema, GroupVersionKind gvk) {
        ArrayNode list = schema.has(SchemaKeys.GROUP_VERSION_KIND)
                ? (ArrayNode) schema.get(SchemaKeys.GROUP_VERSION_KIND)
                : schema.putArray(SchemaKeys.GROUP_VERSION_KIND);
        list.addObject().put("group", gvk.group()).put("kind", gvk.kind()).put("version", gvk.version());
    }

    /** The kinds this class knows. */
    public Set<GroupVersionKind> kinds() {
        return componentNames.keySet();
    }

    /** The self-contained structural schema of a built-in kind, or empty if it is not built in. */
    public Optional<JsonNode> schemaFor(GroupVersionKind gvk) {
        if (!componentNames.containsKey(gvk)) {
            return Optional.empty();
        }
        return Optional.of(structural.computeIfAbsent(gvk,
                k -> new SchemaInliner(components::get, true).inline(components.get(componentNames.get(k)))));
    }

    /** The OpenAPI component name of a built-in kind ({@code io.k8s.api.apps.v1.Deployment}). */
    public Optional<String> componentNameFor(GroupVersionKind gvk) {
        return Optional.ofNullable(componentNames.get(gvk));
    }

    /** All component schemas by name; they refer to each other as {@code #/components/schemas/NAME}. */
    public Map<String, ObjectNode> components() {
        return components;
    }

    /** The structural form of one named component, for callers that hold a {@code $ref}. */
    public Optional<JsonNode> inlinedComponent(String name) {
        ObjectNode component = components.get(name);
        return component == null ? Optional.empty() : Optional.of(new SchemaInliner(components::get, true).inline(component));
    }
}
