package dev.fairway.sandbox.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns fabric8 model classes into named OpenAPI v3 component schemas that refer to each other with
 * {@code $ref}, the way the real API server publishes them. Property names come from the Jackson
 * annotations; fabric8's {@code additionalProperties} catch-all map is ignored (it is
 * {@code @JsonIgnore}d), since it is not a field of the API.
 *
 * <p>Not thread-safe: one instance builds one set of components, then is discarded.
 */
final class ModelSchemaReflector {

    static final String TIME = ModelNames.META + "Time";
    static final String MICRO_TIME = ModelNames.META + "MicroTime";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";

    /** fabric8 keeps timestamps as strings; the API types them as Time. Names tell them apart. */
    private static final Pattern TIME_FIELD = Pattern.compile(".*(Time|Timestamp)|time|startedAt|finishedAt");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> components = new TreeMap<>();
    private final Map<Class<?>, String> names = new HashMap<>();

    ModelSchemaReflector() {
        components.put(TIME, stringWithFormat("date-time"));
        components.put(MICRO_TIME, stringWithFormat("date-time"));
        components.put(INT_OR_STRING, stringWithFormat("int-or-string"));
        components.put(QUANTITY, NODES.objectNode().put(SchemaKeys.TYPE, "string"));
        components.put(RAW_EXTENSION, NODES.objectNode().put(SchemaKeys.TYPE, "object")
                .put(SchemaKeys.PRESERVE_UNKNOWN_FIELDS, true));
    }

    /** All components defined so far, by name. */
    Map<String, ObjectNode> components() {
        return components;
    }

    /** Defines the component of a model class (and everything it refers to); returns its name. */
    String define(Class<?> type) {
        String known = names.get(type);
        if (known != null) {
            return known;
        }
        String name = ModelNames.of(type);
        if (components.containsKey(name)) {
            // Two classes claim one name (e.g. a fabric8 beta type): keep the first, qualify the other.
            name = type.getName();
        }
        names.put(type, name);
        ObjectNode schema = NODES.objectNode();
        components.put(name, schema); // placed before recursing so self-references resolve
        fillObject(schema, type, name);
        return name;
    }

    private void fillObject(ObjectNode schema, Class<?> type, String name) {
        List<Field> fields = declaredProperties(type);
        schema.put(SchemaKeys.TYPE, "object");
        if (fields.isEmpty()) {
            // e.g. FieldsV1: the API types it as free-form JSON.
            schema.put(SchemaKeys.PRESERVE_UNKNOWN_FIELDS, true);
            return;
        }
        ObjectNode properties = schema.putObject(SchemaKeys.PROPERTIES);
        for (Field field : fields) {
            String property = field.getAnnotation(JsonProperty.class).value();
            ObjectNode propertySchema = schemaOf(field.getGenericType(), property);
            if ("array".equals(propertySchema.path(SchemaKeys.TYPE).asText())) {
                String itemRef = refName(propertySchema.path(SchemaKeys.ITEMS).path(SchemaKeys.REF).asText(null));
                ListSemantics semantics = WellKnownFields.listSemantics(name, property, itemRef);
                if (semantics != null) {
                    semantics.applyTo(propertySchema);
                }
            }
            properties.set(property, propertySchema);
        }
        List<String> required = WellKnownFields.required(name).stream().filter(properties::has).toList();
        if (!required.isEmpty()) {
            required.forEach(schema.putArray(SchemaKeys.REQUIRED)::add);
        }
    }

    private static String refName(String ref) {
        return ref == null ? null : ref.substring(SchemaKeys.COMPONENTS_PREFIX.length());
    }

    private static List<Field> declaredProperties(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                JsonProperty property = f.getAnnotation(JsonProperty.class);
                if (property != null && !property.value().isEmpty()) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    private ObjectNode schemaOf(Type type, String property) {
        if (type instanceof WildcardType wildcard) {
            return schemaOf(wildcard.getUpperBounds()[0], property);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] args = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = NODES.objectNode().put(SchemaKeys.TYPE, "array");
                array.set(SchemaKeys.ITEMS, schemaOf(args[0], null));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (args[1] == Object.class) {
                    return freeFormObject();
                }
                ObjectNode map = NODES.objectNode().put(SchemaKeys.TYPE, "object");
                map.set(SchemaKeys.ADDITIONAL_PROPERTIES, schemaOf(args[1], null));
                return map;
            }
            return schemaOf(raw, property);
        }
        if (!(type instanceof Class<?> c)) {
            return anything();
        }
        if (c == String.class || c == Character.class) {
            return property != null && TIME_FIELD.matcher(property).matches() ? ref(TIME)
                    : NODES.objectNode().put(SchemaKeys.TYPE, "string");
        }
        if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
            return NODES.objectNode().put(SchemaKeys.TYPE, "integer").put(SchemaKeys.FORMAT, "int32");
        }
        if (c == Long.class || c == long.class) {
            return NODES.objectNode().put(SchemaKeys.TYPE, "integer").put(SchemaKeys.FORMAT, "int64");
        }
        if (c == Double.class || c == double.class || c == Float.class || c == float.class || c == BigDecimal.class) {
            return NODES.objectNode().put(SchemaKeys.TYPE, "number").put(SchemaKeys.FORMAT, "double");
        }
        if (c == Boolean.class || c == boolean.class) {
            return NODES.objectNode().put(SchemaKeys.TYPE, "boolean");
        }
        if (c == byte[].class) {
            return stringWithFormat("byte");
        }
        switch (c.getSimpleName()) {
            case "IntOrString" -> {
                return ref(INT_OR_STRING);
            }
            case "Quantity" -> {
                return ref(QUANTITY);
            }
            case "MicroTime" -> {
                return ref(MICRO_TIME);
            }
            case "Duration" -> {
                return NODES.objectNode().put(SchemaKeys.TYPE, "string");
            }
            case "RawExtension" -> {
                return ref(RAW_EXTENSION);
            }
            default -> { }
        }
        if (Map.class.isAssignableFrom(c)) {
            return freeFormObject();
        }
        if (Collection.class.isAssignableFrom(c)) {
            ObjectNode array = NODES.objectNode().put(SchemaKeys.TYPE, "array");
            array.set(SchemaKeys.ITEMS, anything());
            return array;
        }
        if (c == Object.class || c.isInterface() || Modifier.isAbstract(c.getModifiers())
                || c.getName().startsWith("tools.jackson.") || c.getName().startsWith("com.fasterxml.jackson.")
                || c.getSimpleName().equals("AnyType") || hasCustomSerializer(c)) {
            // Raw JSON, or a union type fabric8 (de)serializes by hand (JSONSchemaPropsOrBool, ...).
            return anything();
        }
        if (c.getName().startsWith("io.fabric8.")) {
            return ref(define(c));
        }
        return anything();
    }

    /** fabric8 marks union types (X-or-bool, X-or-array) with a class-level custom serializer. */
    private static boolean hasCustomSerializer(Class<?> c) {
        for (Annotation a : c.getAnnotations()) {
            if (!a.annotationType().getSimpleName().equals("JsonSerialize")) {
                continue;
            }
            try {
                Method using = a.annotationType().getMethod("using");
                Class<?> serializer = (Class<?>) using.invoke(a);
                if (serializer != null && !serializer.getSimpleName().equals("None")) {
                    return true;
                }
            } catch (ReflectiveOperationException | ClassCastException e) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode ref(String name) {
        return NODES.objectNode().put(SchemaKeys.REF, SchemaKeys.COMPONENTS_PREFIX + name);
    }

    private static ObjectNode stringWithFormat(String format) {
        return NODES.objectNode().put(SchemaKeys.TYPE, "string").put(SchemaKeys.FORMAT, format);
    }

    private static ObjectNode freeFormObject() {
        return NODES.objectNode().put(SchemaKeys.TYPE, "object").put(SchemaKeys.PRESERVE_UNKNOWN_FIELDS, true);
    }

    private static ObjectNode anything() {
        return NODES.objectNode().put(SchemaKeys.PRESERVE_UNKNOWN_FIELDS, true);
    }
}
