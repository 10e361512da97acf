package dev.fairway.gitops.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.source.kustomize}: overrides applied to the kustomization before it is built.
 *
 * @param images image overrides as Argo CD writes them ({@code nginx=nginx:1.27}, {@code nginx:1.27})
 * @param replicas name and count pairs
 * @param patches kustomize patches, kept as written
 */
public record SourceKustomize(String namePrefix, String nameSuffix, List<String> images, List<Replicas> replicas,
        Map<String, String> commonLabels, Map<String, String> commonAnnotations, String namespace,
        List<ObjectNode> patches, List<String> components) {

    /** One {@code replicas} entry. Argo CD accepts the count as a number or a string of digits. */
    public record Replicas(String name, int count) {}

    static SourceKustomize parse(SpecFields f) {
        List<Replicas> replicas = f.objects("replicas").stream().map(SourceKustomize::replicas).toList();
        List<ObjectNode> patches = f.objects("patches").stream().map(p -> {
            if (p.string("patch", "").isEmpty() && p.string("path", "").isEmpty()) {
                throw new InvalidSpecError(p.path(), "a patch needs 'patch' (inline) or 'path' (a file)");
            }
            return p.rawObjectSelf();
        }).toList();
        return new SourceKustomize(f.string("namePrefix", ""), f.string("nameSuffix", ""), f.strings("images"), replicas,
                f.stringMap("commonLabels"), f.stringMap("commonAnnotations"), f.string("namespace", ""), patches,
                f.strings("components"));
    }

    private static Replicas replicas(SpecFields r) {
        String name = r.requiredString("name", "name the Deployment or StatefulSet to scale");
        var raw = r.rawCount("count");
        return new Replicas(name, raw);
    }
}
