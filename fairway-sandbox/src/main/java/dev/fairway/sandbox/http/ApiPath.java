package dev.fairway.sandbox.http;

import java.util.List;

/**
 * A resource URL taken apart: {@code /api/v1/namespaces/NS/pods/NAME/log} or
 * {@code /apis/apps/v1/deployments}.
 *
 * @param group       API group ("" for /api)
 * @param version     version
 * @param namespace   namespace from the URL, or null
 * @param resource    plural resource name
 * @param name        object name, or null for collections
 * @param subresource subresource name, or "" for the object itself
 */
record ApiPath(String group, String version, String namespace, String resource, String name, String subresource) {

    /** Parses the segments after the group version; null when they do not form a resource path. */
    static ApiPath of(String group, String version, List<String> segs) {
        if (segs.isEmpty()) {
            return null;
        }
        if (segs.get(0).equals("namespaces")) {
            switch (segs.size()) {
                case 1:
                    return new ApiPath(group, version, null, "namespaces", null, "");
                case 2:
                    return new ApiPath(group, version, null, "namespaces", segs.get(1), "");
                case 3:
                    if (group.isEmpty() && (segs.get(2).equals("status") || segs.get(2).equals("finalize"))) {
                        return new ApiPath(group, version, null, "namespaces", segs.get(1), segs.get(2));
                    }
                    return new ApiPath(group, version, segs.get(1), segs.get(2), null, "");
                case 4:
                    return new ApiPath(group, version, segs.get(1), segs.get(2), segs.get(3), "");
                case 5:
                    return new ApiPath(group, version, segs.get(1), segs.get(2), segs.get(3), segs.get(4));
                default:
                    return null;
            }
        }
        return switch (segs.size()) {
            case 1 -> new ApiPath(group, version, null, segs.get(0), null, "");
            case 2 -> new ApiPath(group, version, null, segs.get(0), segs.get(1), "");
            case 3 -> new ApiPath(group, version, null, segs.get(0), segs.get(1), segs.get(2));
            default -> null;
        };
    }
}
