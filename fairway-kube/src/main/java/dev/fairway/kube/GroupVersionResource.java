package dev.fairway.kube;

/** A resource (plural, lower case, as in URLs) in one API group version. */
public record GroupVersionResource(String group, String version, String resource) {
    public GroupVersion groupVersion() {
        return new GroupVersion(group, version);
    }

    @Override
    public String toString() {
        return (group.isEmpty() ? "" : group + "/") + version + ", Resource=" + resource;
    }
}
