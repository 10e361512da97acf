package dev.fairway.kube;

/** An API group and version; the core group is "" and prints as just the version ("v1"). */
public record GroupVersion(String group, String version) {

    public static GroupVersion parse(String apiVersion) {
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new IllegalArgumentException("apiVersion is empty");
        }
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            return new GroupVersion("", apiVersion);
        }
        if (slash == 0 || slash == apiVersion.length() - 1 || apiVersion.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\" is not GROUP/VERSION or VERSION");
        }
        return new GroupVersion(apiVersion.substring(0, slash), apiVersion.substring(slash + 1));
    }

    @Override
    public String toString() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
