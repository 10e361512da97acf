package dev.fairway.sandbox.openapi;

import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.schema.BuiltinSchemas;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Names the component schema of a resource type as the real API server does. */
final class ComponentNames {

    private ComponentNames() {}

    /**
     * {@code io.k8s.api.apps.v1.Deployment} for built-ins; for custom resources the group reversed,
     * then version and kind: {@code com.example.stable.v1.CronTab} for {@code stable.example.com}.
     */
    static String of(ResourceType type, BuiltinSchemas builtins) {
        return builtins.componentNameFor(type.gvk()).orElseGet(() -> custom(type.group(), type.version(), type.kind()));
    }

    static String custom(String group, String version, String kind) {
        List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
        Collections.reverse(parts);
        return String.join(".", parts) + "." + version + "." + kind;
    }

    /** The operationId fragment of a group version: {@code AppsV1}, {@code CoreV1}, {@code NetworkingV1}. */
    static String operationGroupVersion(String group, String version) {
        String g = group.isEmpty() ? "core" : group.endsWith(".k8s.io") ? group.substring(0, group.length() - 7) : group;
        StringBuilder sb = new StringBuilder();
        for (String part : g.split("[.-]")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString() + Character.toUpperCase(version.charAt(0)) + version.substring(1);
    }

    /** The tag of a group version's operations: {@code apps_v1}, {@code core_v1}. */
    static String tag(String group, String version) {
        String g = group.isEmpty() ? "core" : group.endsWith(".k8s.io") ? group.substring(0, group.length() - 7) : group;
        StringBuilder sb = new StringBuilder();
        String[] parts = g.split("[.-]");
        for (int i = 0; i < parts.length; i++) {
            sb.append(i == 0 ? parts[i] : Character.toUpperCase(parts[i].charAt(0)) + parts[i].substring(1));
        }
        return sb.toString() + "_" + version;
    }
}
