package dev.fairway.sandbox.schema;

/** The keywords and Kubernetes extensions of OpenAPI v3 schemas that this package reads and writes. */
public final class SchemaKeys {
    public static final String TYPE = "type";
    public static final String FORMAT = "format";
    public static final String PROPERTIES = "properties";
    public static final String ADDITIONAL_PROPERTIES = "additionalProperties";
    public static final String ITEMS = "items";
    public static final String REQUIRED = "required";
    public static final String REF = "$ref";
    public static final String ENUM = "enum";
    public static final String NULLABLE = "nullable";

    public static final String INT_OR_STRING = "x-kubernetes-int-or-string";
    public static final String PRESERVE_UNKNOWN_FIELDS = "x-kubernetes-preserve-unknown-fields";
    public static final String EMBEDDED_RESOURCE = "x-kubernetes-embedded-resource";
    public static final String GROUP_VERSION_KIND = "x-kubernetes-group-version-kind";
    public static final String PATCH_STRATEGY = "x-kubernetes-patch-strategy";
    public static final String PATCH_MERGE_KEY = "x-kubernetes-patch-merge-key";
    public static final String LIST_TYPE = "x-kubernetes-list-type";
    public static final String LIST_MAP_KEYS = "x-kubernetes-list-map-keys";
    public static final String MAP_TYPE = "x-kubernetes-map-type";

    /** Where component schemas live in an OpenAPI v3 document; {@code $ref}s point here. */
    public static final String COMPONENTS_PREFIX = "#/components/schemas/";

    private SchemaKeys() {}
}
