package dev.fairway.gitops.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.source.kustomize}: overrides applied to the kustomization before it is built, in
 * Argo CD's field names.
 *
 * @param images in {@code kustomize edit set image} form: {@code nginx:1.27},
 *     {@code nginx=registry.example.com/nginx:1.27}, {@code nginx@sha256:...}
 * @param patches entries for the kustomization's {@code patches} list, as written
 * @param components paths of components, relative to the kustomization
 */
public record KustomizeOptions(String namePrefix, String nameSuffix, List<String> images, List<Replica> replicas,
        Map<String, String> commonLabels, boolean forceCommonLabels, boolean labelWithoutSelector,
        boolean labelIncludeTemplates, Map<String, String> commonAnnotations, boolean forceCommonAnnotations,
        String namespace, List<ObjectNode> patches, List<String> components, boolean ignoreMissingComponents) {

    /** One {@code replicas} override: the workload's name and its count (a number or text). */
    public record Replica(String name, String count) {}

    public KustomizeOptions {
        images = List.copyOf(images);
        replicas = List.copyOf(replicas);
        commonLabels = Map.copyOf(commonLabels);
        commonAnnotations = Map.copyOf(commonAnnotations);
        patches = List.copyOf(patches);
        components = List.copyOf(components);
    }

    public static KustomizeOptions none() {
        return new KustomizeOptions("", "", List.of(), List.of(), Map.of(), false, false, false, Map.of(), false, "",
                List.of(), List.of(), false);
    }

    /** Whether any option changes the kustomization (else it is built as it is). */
    public boolean editsKustomization() {
        return !namePrefix.isEmpty() || !nameSuffix.isEmpty() || !images.isEmpty() || !replicas.isEmpty()
                || !commonLabels.isEmpty() || !commonAnnotations.isEmpty() || !namespace.isEmpty()
                || !patches.isEmpty() || !components.isEmpty();
    }

    static KustomizeOptions parse(SourceFields kustomize) {
        List<Replica> replicas = kustomize.field("replicas").list().stream()
                .map(item -> new Replica(item.field("name").text(""), item.field("count").text("")))
                .toList();
        List<ObjectNode> patches = kustomize.field("patches").list().stream().map(SourceFields::object).toList();
        return new KustomizeOptions(kustomize.field("namePrefix").text(""), kustomize.field("nameSuffix").text(""),
                kustomize.field("images").texts(), replicas, kustomize.field("commonLabels").textMap(),
                kustomize.field("forceCommonLabels").bool(), kustomize.field("labelWithoutSelector").bool(),
                kustomize.field("labelIncludeTemplates").bool(), kustomize.field("commonAnnotations").textMap(),
                kustomize.field("forceCommonAnnotations").bool(), kustomize.field("namespace").text(""), patches,
                kustomize.field("components").texts(), kustomize.field("ignoreMissingComponents").bool());
    }
}
