package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Sets label or annotation pairs at the fields kustomize puts them: metadata, selectors, pod templates. */
record PairsTransformer(Map<String, String> pairs, List<FieldSpec> fields) {

    void apply(ResourceSet resources) {
        if (pairs.isEmpty()) {
            return;
        }
        for (Resource resource : resources.resources()) {
            ResId id = resource.currentId();
            for (FieldSpec spec : fields) {
                if (spec.appliesTo(id)) {
                    spec.visit(resource.object(), (parent, field) -> set(parent, field, spec.create()));
                }
            }
        }
    }

    private void set(ObjectNode parent, String field, boolean create) {
        JsonNode value = parent.get(field);
        ObjectNode map;
        if (value instanceof ObjectNode existing) {
            map = existing;
        } else if ((value == null || value.isNull()) && create) {
            map = parent.putObject(field);
        } else {
            return;
        }
        pairs.forEach(map::put);
    }
}
