package dev.fairway.sandbox.store;

/**
 * Where an object is stored: its API group, resource (plural, version independent), namespace
 * ("" for cluster-scoped) and name. Keys sort by group, resource, namespace, name so that lists of
 * one resource, or of one resource in one namespace, are range scans.
 */
public record ObjectKey(String group, String resource, String namespace, String name) {

    private static final char SEP = '\u0000';

    public ObjectKey {
        if (namespace == null) {
            namespace = "";
        }
    }

    public String encode() {
        return group + SEP + resource + SEP + namespace + SEP + name;
    }

    /** The key prefix of every object of a resource, optionally limited to one namespace. */
    public static String prefix(String group, String resource, String namespace) {
        String p = group + SEP + resource + SEP;
        return namespace == null ? p : p + namespace + SEP;
    }

    public static ObjectKey decode(String encoded) {
        String[] parts = encoded.split(String.valueOf(SEP), -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an object key: " + encoded.replace(SEP, '/'));
        }
        return new ObjectKey(parts[0], parts[1], parts[2], parts[3]);
    }

    @Override
    public String toString() {
        return (group.isEmpty() ? "" : group + "/") + resource + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
