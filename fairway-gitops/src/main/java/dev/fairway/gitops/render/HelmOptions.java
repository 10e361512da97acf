package dev.fairway.gitops.render;

import java.util.List;

/**
 * {@code spec.source.helm}: what {@code helm template} is given.
 *
 * @param releaseName the release name; empty means the application's name, which the caller
 *     passes in {@link SourceOptions#applicationName()}
 * @param valueFiles value files relative to the chart directory
 * @param values inline values as YAML text ({@code values} or {@code valuesObject})
 */
public record HelmOptions(String releaseName, List<String> valueFiles, String values, List<Parameter> parameters,
        boolean skipCrds) {

    /** A {@code --set} (or {@code --set-string} when forceString) value. */
    public record Parameter(String name, String value, boolean forceString) {}

    public HelmOptions {
        valueFiles = List.copyOf(valueFiles);
        parameters = List.copyOf(parameters);
    }

    public static HelmOptions none() {
        return new HelmOptions("", List.of(), "", List.of(), false);
    }

    static HelmOptions parse(SourceFields helm) {
        String values = helm.field("values").text("");
        if (helm.field("valuesObject").present()) {
            values = dev.fairway.kube.Json.yaml(helm.field("valuesObject").object());
        }
        List<Parameter> parameters = helm.field("parameters").list().stream()
                .map(item -> new Parameter(item.field("name").text(""), item.field("value").text(""),
                        item.field("forceString").bool()))
                .toList();
        return new HelmOptions(helm.field("releaseName").text(""), helm.field("valueFiles").texts(), values,
                parameters, helm.field("skipCrds").bool());
    }
}
