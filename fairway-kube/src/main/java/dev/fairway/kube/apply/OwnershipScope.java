package dev.fairway.kube.apply;

import java.util.Set;

/**
 * Which fields a write can own. The server sets identity and bookkeeping fields itself, so nobody owns them; writes to
 * the main resource of a kind with a status subresource do not touch {@code status}, and writes to {@code /status}
 * touch nothing else.
 */
record OwnershipScope(String subresource, boolean ignoreStatus) {

    private static final FieldPath METADATA = FieldPath.of("metadata");
    private static final FieldPath MANAGED_FIELDS = FieldPath.of("metadata", "managedFields");
    private static final FieldPath STATUS = FieldPath.of("status");
    private static final Set<FieldPath> SERVER_FIELDS = Set.of(
            FieldPath.of("apiVersion"), FieldPath.of("kind"), METADATA,
            FieldPath.of("metadata", "name"), FieldPath.of("metadata", "namespace"),
            FieldPath.of("metadata", "creationTimestamp"), FieldPath.of("metadata", "selfLink"),
            FieldPath.of("metadata", "uid"), FieldPath.of("metadata", "generation"),
            FieldPath.of("metadata", "resourceVersion"));

    OwnershipScope {
        subresource = subresource == null ? "" : subresource;
    }

    boolean statusOnly() {
        return subresource.equals("status");
    }

    boolean owns(FieldPath path) {
        if (SERVER_FIELDS.contains(path) || path.startsWith(MANAGED_FIELDS)) {
            return false;
        }
        if (statusOnly()) {
            return path.startsWith(STATUS);
        }
        return !(ignoreStatus && path.startsWith(STATUS));
    }

    FieldSet filter(FieldSet fields) {
        return fields.filter(this::owns);
    }
}
