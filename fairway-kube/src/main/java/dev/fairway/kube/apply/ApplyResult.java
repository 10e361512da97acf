package dev.fairway.kube.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of a server-side apply: the merged object, or the conflicts that stopped it. */
public sealed interface ApplyResult {

    /**
     * The apply succeeded.
     *
     * @param object  the merged object with updated {@code metadata.managedFields}
     * @param changed whether anything but managedFields differs from the live object (a no-op apply need not be stored
     *                with a new resourceVersion)
     */
    record Applied(ObjectNode object, boolean changed) implements ApplyResult {}

    /** Other managers own fields this apply would change; nothing was applied. Answer 409 Conflict with {@link #message()}. */
    record Conflicted(List<Conflict> conflicts) implements ApplyResult {
        public Conflicted {
            conflicts = List.copyOf(conflicts);
        }

        /** The Status message as the API server words it, e.g. {@code Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas}. */
        public String message() {
            if (conflicts.size() == 1) {
                Conflict c = conflicts.get(0);
                return "Apply failed with 1 conflict: conflict with " + c.owner() + ": " + c.field();
            }
            Map<String, List<String>> byOwner = new LinkedHashMap<>();
            conflicts.stream()
                    .sorted(java.util.Comparator.comparing(Conflict::owner))
                    .forEach(c -> byOwner.computeIfAbsent(c.owner(), k -> new ArrayList<>()).add(c.field()));
            List<String> lines = new ArrayList<>();
            byOwner.forEach((owner, fields) -> {
                lines.add("conflicts with " + owner + ":");
                fields.forEach(f -> lines.add("- " + f));
            });
            return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
    }
}
