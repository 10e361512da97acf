package dev.fairway.sandbox.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.schema.SchemaKeys;

/**
 * The {@code paths} entries of one resource type in a group version document. kubectl reads two
 * things here: the {@code patch} operation carrying the kind's {@code x-kubernetes-group-version-kind}
 * and a {@code fieldValidation} parameter (that is how it decides the server validates fields
 * itself), and the request/response schemas.
 */
final class ResourcePaths {

    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResourceType type;
    private final String prefix;
    private final String component;
    private final String listComponent;
    private final String operationGv;
    private final String tag;
    private final boolean strategicMerge;

    /**
     * @param gvPath        {@code api/v1} or {@code apis/apps/v1}
     * @param component     the kind's component name
     * @param listComponent the list kind's component name
     * @param strategicMerge whether the kind takes strategic merge patches (built-in kinds only):
     *                       kubectl apply sends one exactly when the patch operation lists it
     */
    ResourcePaths(ResourceType type, String gvPath, String component, String listComponent, boolean strategicMerge) {
        this.type = type;
        this.prefix = "/" + gvPath;
        this.component = component;
        this.listComponent = listComponent;
        this.operationGv = ComponentNames.operationGroupVersion(type.group(), type.version());
        this.tag = ComponentNames.tag(type.group(), type.version());
        this.strategicMerge = strategicMerge;
    }

    void addTo(ObjectNode paths, boolean withScale) {
        String scope = type.namespaced() ? "Namespaced" : "";
        String base = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
        GroupVersionKind gvk = type.gvk();

        ObjectNode collection = pathItem(paths, base, false);
        if (type.verbs().contains("list")) {
            ObjectNode list = operation(collection, "get", "list" + operationGv + scope + type.kind(), "list", gvk,
                    "list or watch objects of kind " + type.kind());
            addListParameters(list);
            list.set("responses", responses(listComponent, true, false));
        }
        if (type.verbs().contains("create")) {
            ObjectNode create = operation(collection, "post", "create" + operationGv + scope + type.kind(), "post", gvk,
                    "create " + type.kind());
            addWriteParameters(create, false);
            create.set("requestBody", body(component, "*/*"));
            create.set("responses", responses(component, false, true));
        }
        if (type.verbs().contains("deletecollection")) {
            ObjectNode deleteAll = operation(collection, "delete", "delete" + operationGv + "Collection" + scope + type.kind(),
                    "deletecollection", gvk, "delete collection of " + type.kind());
            addListParameters(deleteAll);
            deleteAll.set("requestBody", body(META + "DeleteOptions", "*/*"));
            deleteAll.set("responses", responses(META + "Status", false, false));
        }

        ObjectNode item = pathItem(paths, base + "/{name}", true);
        addItemOperations(item, type.kind(), component, gvk, "");
        if (type.statusSubresource()) {
            addItemOperations(pathItem(paths, base + "/{name}/status", true), type.kind(), component, gvk, "Status");
        }
        if (type.scaleSubresource() && withScale) {
            addItemOperations(pathItem(paths, base + "/{name}/scale", true), type.kind(), SCALE,
                    new GroupVersionKind("autoscaling", "v1", "Scale"), "Scale");
        }
        if (type.namespaced() && type.verbs().contains("list")) {
            ObjectNode all = pathItem(paths, prefix + "/" + type.plural(), false);
            ObjectNode list = operation(all, "get", "list" + operationGv + type.kind() + "ForAllNamespaces", "list", gvk,
                    "list or watch objects of kind " + type.kind());
            addListParameters(list);
            list.set("responses", responses(listComponent, true, false));
        }
    }

    private void addItemOperations(ObjectNode item, String kind, String schema, GroupVersionKind gvk, String suffix) {
        String scope = type.namespaced() ? "Namespaced" : "";
        String what = suffix.isEmpty() ? "the specified " + kind : (suffix.toLowerCase() + " of the specified " + kind);
        if (type.verbs().contains("get")) {
            operation(item, "get", "read" + operationGv + scope + type.kind() + suffix, "get", gvk, "read " + what)
                    .set("responses", responses(schema, false, false));
        }
        if (type.verbs().contains("update")) {
            ObjectNode replace = operation(item, "put", "replace" + operationGv + scope + type.kind() + suffix, "put", gvk,
                    "replace " + what);
            addWriteParameters(replace, false);
            replace.set("requestBody", body(schema, "*/*"));
            replace.set("responses", responses(schema, false, true));
        }
        if (type.verbs().contains("patch")) {
            ObjectNode patch = operation(item, "patch", "patch" + operationGv + scope + type.kind() + suffix, "patch", gvk,
                    "partially update " + what);
            addWriteParameters(patch, true);
            ObjectNode content = NODES.objectNode();
            for (String mediaType : new String[] {"application/apply-patch+yaml", "application/json-patch+json",
                    "application/merge-patch+json", "application/strategic-merge-patch+json"}) {
                if (strategicMerge || !mediaType.startsWith("application/strategic")) {
                    content.putObject(mediaType).set("schema", ref(META + "Patch"));
                }
            }
            ObjectNode body = patch.putObject("requestBody");
            body.set("content", content);
            body.put("required", true);
            patch.set("responses", responses(schema, false, true));
        }
        if (suffix.isEmpty() && type.verbs().contains("delete")) {
            ObjectNode delete = operation(item, "delete", "delete" + operationGv + scope + type.kind(), "delete", gvk,
                    "delete " + what);
            ArrayNode params = delete.putArray("parameters");
            addQuery(params, "dryRun", "string");
            addQuery(params, "gracePeriodSeconds", "integer");
            addQuery(params, "orphanDependents", "boolean");
            addQuery(params, "propagationPolicy", "string");
            delete.set("requestBody", body(META + "DeleteOptions", "*/*"));
            ObjectNode responses = responses(META + "Status", false, false);
            responses.set("202", ((ObjectNode) responses.get("200").deepCopy()).put("description", "Accepted"));
            delete.set("responses", responses);
        }
    }

    private ObjectNode pathItem(ObjectNode paths, String path, boolean named) {
        ObjectNode item = paths.putObject(path);
        ArrayNode params = item.putArray("parameters");
        if (named) {
            addPathParameter(params, "name", "path", true);
        }
        if (type.namespaced() && path.contains("{namespace}")) {
            addPathParameter(params, "namespace", "path", true);
        }
        addPathParameter(params, "pretty", "query", false);
        return item;
    }

    private ObjectNode operation(ObjectNode item, String method, String operationId, String action, GroupVersionKind gvk,
                                 String description) {
        ObjectNode op = item.putObject(method);
        op.put("description", description);
        op.put("operationId", operationId);
        op.putArray("tags").add(tag);
        op.put("x-kubernetes-action", action);
        op.putObject(SchemaKeys.GROUP_VERSION_KIND)
                .put("group", gvk.group()).put("kind", gvk.kind()).put("version", gvk.version());
        return op;
    }

    private static void addWriteParameters(ObjectNode op, boolean patch) {
        ArrayNode params = op.putArray("parameters");
        addQuery(params, "dryRun", "string");
        addQuery(params, "fieldManager", "string");
        // kubectl looks for exactly this parameter on the patch operation (QueryParamVerifierV3).
        addQuery(params, "fieldValidation", "string");
        if (patch) {
            addQuery(params, "force", "boolean");
        }
    }

    private static void addListParameters(ObjectNode op) {
        ArrayNode params = op.putArray("parameters");
        addQuery(params, "allowWatchBookmarks", "boolean");
        addQuery(params, "continue", "string");
        addQuery(params, "fieldSelector", "string");
        addQuery(params, "labelSelector", "string");
        addQuery(params, "limit", "integer");
        addQuery(params, "resourceVersion", "string");
        addQuery(params, "resourceVersionMatch", "string");
        addQuery(params, "sendInitialEvents", "boolean");
        addQuery(params, "timeoutSeconds", "integer");
        addQuery(params, "watch", "boolean");
    }

    private static void addQuery(ArrayNode params, String name, String schemaType) {
        ObjectNode p = params.addObject();
        p.put("in", "query");
        p.put("name", name);
        p.putObject("schema").put("type", schemaType).put("uniqueItems", true);
    }

    private static void addPathParameter(ArrayNode params, String name, String in, boolean required) {
        ObjectNode p = params.addObject();
        p.put("in", in);
        p.put("name", name);
        if (required) {
            p.put("required", true);
        }
        p.putObject("schema").put("type", "string").put("uniqueItems", true);
    }

    private static ObjectNode body(String schema, String mediaType) {
        ObjectNode body = NODES.objectNode();
        body.putObject("content").putObject(mediaType).set("schema", ref(schema));
        body.put("required", true);
        return body;
    }

    private static ObjectNode responses(String schema, boolean watchable, boolean created) {
        ObjectNode responses = NODES.objectNode();
        ObjectNode ok = responses.putObject("200");
        ObjectNode content = ok.putObject("content");
        for (String mediaType : watchable
                ? new String[] {"application/json", "application/json;stream=watch", "application/vnd.kubernetes.protobuf",
                        "application/vnd.kubernetes.protobuf;stream=watch", "application/yaml"}
                : new String[] {"application/json", "application/vnd.kubernetes.protobuf", "application/yaml"}) {
            content.putObject(mediaType).set("schema", ref(schema));
        }
        ok.put("description", "OK");
        if (created) {
            ObjectNode c = responses.putObject("201");
            c.set("content", content.deepCopy());
            c.put("description", "Created");
        }
        responses.putObject("401").put("description", "Unauthorized");
        return responses;
    }

    static ObjectNode ref(String component) {
        return NODES.objectNode().put(SchemaKeys.REF, SchemaKeys.COMPONENTS_PREFIX + component);
    }
}
