package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.render.RenderException;
import java.util.List;

/**
 * The kustomization's {@code namespace}: set on every namespaced object (kustomize's idea of
 * which kinds have none is {@link ResId#clusterScoped()}), on role binding subjects named
 * {@code default}, and at the other fields kustomize knows (a v1 Namespace object is renamed to it).
 */
record NamespaceTransformer(String namespace, List<FieldSpec> fields) {

    void apply(ResourceSet resources, String file, int line) {
        if (namespace.isEmpty()) {
            return;
        }
        for (Resource resource : resources.resources()) {
            resource.storePreviousId();
            ResId id = resource.currentId();
            if (!id.clusterScoped()) {
                resource.setNamespace(namespace);
            }
            if (id.kind().equals("RoleBinding") || id.kind().equals("ClusterRoleBinding")) {
                for (JsonNode subject : resource.object().path("subjects")) {
                    if (subject instanceof ObjectNode s && "default".equals(s.path("name").textValue())) {
                        s.put("namespace", namespace);
                    }
                }
            }
            for (FieldSpec spec : fields) {
                if (spec.path().equals("metadata/name") && !id.apiVersion().equals("v1") || !spec.appliesTo(id)) {
                    continue;
                }
                spec.visit(resource.object(), (parent, field) -> {
                    JsonNode value = parent.get(field);
                    if (value != null && !value.isNull() || spec.create()) {
                        parent.put(field, namespace);
                    }
                });
            }
            ResId after = resource.currentId();
            long same = resources.resources().stream().filter(r -> r.currentId().matches(after)).count();
            if (same != 1) {
                throw new RenderException(file, line, "namespace " + namespace + " makes two objects the same: "
                        + after + "; rename one of them");
            }
        }
    }
}
