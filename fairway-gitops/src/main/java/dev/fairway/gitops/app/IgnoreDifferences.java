package dev.fairway.gitops.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.Meta;
import java.util.List;

/**
 * One {@code spec.ignoreDifferences} entry: fields of matching objects the diff leaves out.
 *
 * @param group the API group ("" for the core group)
 * @param name the object name, empty for every object of the kind
 * @param namespace the object namespace, empty for every namespace
 */
public record IgnoreDifferences(String group, String kind, String name, String namespace, List<String> jsonPointers,
        List<String> jqPathExpressions, List<String> managedFieldsManagers) {

    static IgnoreDifferences parse(SpecFields f) {
        String kind = f.requiredString("kind", "name the kind the rule applies to, e.g. Deployment");
        List<String> pointers = f.strings("jsonPointers");
        for (int i = 0; i < pointers.size(); i++) {
            if (!pointers.get(i).startsWith("/")) {
                throw new InvalidSpecError(f.path("jsonPointers") + "[" + i + "]",
                        "a JSON pointer starts with '/', e.g. /spec/replicas, not \"" + pointers.get(i) + "\"");
            }
        }
        return new IgnoreDifferences(f.string("group", ""), kind, f.string("name", ""), f.string("namespace", ""),
                pointers, f.strings("jqPathExpressions"), f.strings("managedFieldsManagers"));
    }

    /** True when the rule covers the object (group and kind always, name and namespace when given). */
    public boolean matches(ObjectNode object) {
        GroupKind gk = Meta.gvk(object).groupKind();
        if (!gk.group().equals(group) || !gk.kind().equals(kind)) {
            return false;
        }
        if (!name.isEmpty() && !name.equals(Meta.name(object))) {
            return false;
        }
        String objectNamespace = Meta.namespace(object);
        return namespace.isEmpty() || namespace.equals(objectNamespace == null ? "" : objectNamespace);
    }
}
