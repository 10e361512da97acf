package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.fairway.gitops.render.RenderException;
import java.util.List;

/** One {@code replicas} entry: sets {@code spec.replicas} of the workloads of that name. */
record ReplicaTransformer(Kustomization.Replica replica, List<FieldSpec> fields) {

    /** As a YAML reader would give it back: an int where it fits, so that objects compare equal. */
    private JsonNode count() {
        long count = replica.count();
        return count == (int) count ? IntNode.valueOf((int) count) : LongNode.valueOf(count);
    }

    void apply(ResourceSet resources, String file, int line) {
        boolean found = false;
        for (FieldSpec spec : fields) {
            for (Resource resource : resources.resources()) {
                boolean matches = resource.allIds().stream()
                        .anyMatch(id -> id.name().equals(replica.name()) && spec.appliesTo(id));
                if (!matches) {
                    continue;
                }
                found = true;
                if (spec.appliesTo(resource.currentId())) {
                    spec.visit(resource.object(), (parent, field) -> parent.set(field, count()));
                }
            }
        }
        if (!found) {
            throw new RenderException(file, line, "replicas: no Deployment, ReplicationController, ReplicaSet or"
                    + " StatefulSet is named " + replica.name() + "; fix the name or remove the entry");
        }
    }
}
