package dev.fairway.gitops.render.kustomize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields kustomize's built-in transformers touch when a kustomization configures nothing
 * else, read from {@code field-specs.txt} beside this class.
 */
record DefaultFieldSpecs(List<FieldSpec> commonLabels, List<FieldSpec> templateLabels,
        List<FieldSpec> commonAnnotations, List<FieldSpec> images, List<FieldSpec> replicas,
        List<FieldSpec> namespace, List<NameReference> nameReferences) {

    /** Fields that hold the name of an object of one kind (the referral), e.g. a Deployment's ConfigMap volumes. */
    record NameReference(String group, String version, String kind, List<FieldSpec> referrers) {}

    static final DefaultFieldSpecs KUSTOMIZE = load();

    private static DefaultFieldSpecs load() {
        String text;
        try (InputStream in = DefaultFieldSpecs.class.getResourceAsStream("field-specs.txt")) {
            if (in == null) {
                throw new IllegalStateException("field-specs.txt is missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                current = new StringBuilder();
                sections.put(line.substring(1, line.indexOf(']')), current);
            } else {
                current.append(line).append('\n');
            }
        }
        return new DefaultFieldSpecs(specs(sections, "commonLabels"), specs(sections, "templateLabels"),
                specs(sections, "commonAnnotations"), specs(sections, "images"), specs(sections, "replicas"),
                specs(sections, "namespace"), nameReferences(sections.get("nameReference").toString()));
    }

    private static List<FieldSpec> specs(Map<String, StringBuilder> sections, String name) {
        return FieldSpec.parse(sections.get(name).toString());
    }

    private static List<NameReference> nameReferences(String text) {
        List<NameReference> references = new ArrayList<>();
        FieldSpec referral = null;
        StringBuilder referrers = new StringBuilder();
        for (String line : (text + "referral kind=end-of-list\n").split("\n")) {
            if (line.startsWith("referral ")) {
                if (referral != null) {
                    references.add(new NameReference(referral.group(), referral.version(), referral.kind(),
                            FieldSpec.parse(referrers.toString())));
                }
                referral = FieldSpec.parse(line).get(0); // "referral" in the place of the path, then the kind
                referrers.setLength(0);
            } else {
                referrers.append(line.strip()).append('\n');
            }
        }
        return List.copyOf(references);
    }
}
