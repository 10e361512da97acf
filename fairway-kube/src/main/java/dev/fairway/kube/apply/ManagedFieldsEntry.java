package dev.fairway.kube.apply;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of {@code metadata.managedFields}: the fields one manager owns through one kind of operation.
 *
 * @param manager     the field manager ({@code kubectl}, {@code kubectl-client-side-apply}, {@code fairway})
 * @param operation   {@code Apply} or {@code Update}
 * @param apiVersion  the API version the fields are named in
 * @param time        when the entry last changed the object, or null
 * @param subresource {@code ""} for the main resource, {@code "status"} for the status subresource
 * @param fields      the owned fields
 */
public record ManagedFieldsEntry(String manager, String operation, String apiVersion, Instant time,
                                 String subresource, FieldSet fields) {

    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";

    public ManagedFieldsEntry {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(operation, "operation");
        subresource = subresource == null ? "" : subresource;
        Objects.requireNonNull(fields, "fields");
    }

    /** Whether this entry belongs to the same manager, operation and subresource (Kubernetes keeps one such entry). */
    public boolean sameOwner(String manager, String operation, String subresource) {
        return this.manager.equals(manager) && this.operation.equals(operation) && this.subresource.equals(subresource);
    }

    public ManagedFieldsEntry withFields(FieldSet newFields) {
        return new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, newFields);
    }

    /**
     * The owner as Kubernetes names it in a conflict: {@code "kubectl"} for an applier,
     * {@code "kubectl-edit" using apps/v1} for an updater, with {@code with subresource "status"} where it applies.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("\"").append(manager).append('"');
        if (!subresource.isEmpty()) {
            sb.append(" with subresource \"").append(subresource).append('"');
        }
        if (UPDATE.equals(operation)) {
            sb.append(" using ").append(apiVersion);
        }
        return sb.toString();
    }
}
