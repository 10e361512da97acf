package dev.fairway.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.GroupVersionKind;
import java.util.List;

/**
 * The structural facts that strategic merge patch and server-side apply need about an object's fields.
 *
 * <p>A field is named by its path of field names from the object root; list items add nothing to the path, so the
 * image of any container is {@code [spec, template, spec, containers, image]}. Anything the schema does not know is
 * treated as Kubernetes treats schemaless data: lists are atomic (and replaced by strategic merge patch), maps are
 * granular.
 */
public interface MergeSchema {

    /** The facts of the list at {@code path} in objects of kind {@code gvk}. */
    ListShape list(GroupVersionKind gvk, List<String> path);

    /** The facts of the object (map or struct) at {@code path} in objects of kind {@code gvk}. */
    MapShape map(GroupVersionKind gvk, List<String> path);

    /** The facts of the built-in Kubernetes kinds; unknown kinds get the schemaless defaults plus ObjectMeta's facts. */
    static MergeSchema builtin() {
        return BuiltinMergeSchema.INSTANCE;
    }

    /**
     * The facts of a custom resource version, read from its CRD's {@code openAPIV3Schema}
     * ({@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys}, {@code x-kubernetes-map-type}).
     * {@code metadata} keeps ObjectMeta's facts, as the API server gives every custom resource ObjectMeta.
     *
     * @throws IllegalArgumentException when the schema declares a list map without keys or an unknown list/map type
     */
    static MergeSchema fromOpenApi(JsonNode openAPIV3Schema) {
        return OpenApiMergeSchema.of(openAPIV3Schema);
    }
}
