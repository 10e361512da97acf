package dev.fairway.kube.apply;

/**
 * A field that an apply would change but another manager owns.
 *
 * @param manager the other manager's name
 * @param field   the field as Kubernetes prints it, e.g. {@code .spec.replicas}
 * @param owner   the owner as Kubernetes names it in messages: {@code "kubectl-edit" using apps/v1}
 */
public record Conflict(String manager, String field, String owner) {

    /** The message of the {@code FieldManagerConflict} cause in the 409 Status. */
    public String causeMessage() {
        return "conflict with " + owner;
    }
}
