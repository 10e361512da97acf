package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.health.CustomHealthRules;
import dev.fairway.gitops.repo.UrlRewrite;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's settings kept in the cluster, in the ConfigMap {@code fairway-config} of the
 * engine's namespace (read at start):
 * <ul>
 *   <li>{@code repository.rewrites}: one {@code URL_PREFIX=REPLACEMENT} per line, git's insteadOf
 *       (mirrors for air-gapped clusters, local checkouts);</li>
 *   <li>{@code health.yaml}: custom health rules for kinds without a built-in check (format in the
 *       fairway-gitops README).</li>
 * </ul>
 */
public record EngineConfig(List<UrlRewrite> rewrites, CustomHealthRules healthRules) {

    public static final String CONFIG_MAP = "fairway-config";

    /** Reads the ConfigMap; a missing one means no rewrites and no custom rules. Bad content throws, naming the key and line. */
    public static EngineConfig load(KubernetesClient client, String namespace) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(CONFIG_MAP).get();
        if (cm == null || cm.getData() == null) {
            return new EngineConfig(List.of(), CustomHealthRules.none());
        }
        List<UrlRewrite> rewrites = new ArrayList<>();
        String text = cm.getData().getOrDefault("repository.rewrites", "");
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw new IllegalArgumentException("ConfigMap " + namespace + "/" + CONFIG_MAP + ", key repository.rewrites, line "
                        + (i + 1) + ": expected URL_PREFIX=REPLACEMENT, got \"" + line + "\"");
            }
            rewrites.add(new UrlRewrite(line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
        }
        CustomHealthRules rules = CustomHealthRules.fromConfigMap((ObjectNode) Json.MAPPER.valueToTree(cm));
        return new EngineConfig(List.copyOf(rewrites), rules);
    }
}
