package dev.fairway.sandbox.simulation;

import java.util.List;

/**
 * The images the simulated registry has, so that a typo in a tag shows ErrImagePull as on a real
 * cluster. An entry without a tag allows every tag of that repository; "repo:*" does too; an
 * empty list allows every image. Names are compared as containerd does after normalising
 * ("nginx" is "docker.io/library/nginx:latest").
 */
final class ImageRegistry {

    private final List<String> images;

    ImageRegistry(List<String> images) {
        this.images = images.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    boolean exists(String image) {
        if (images.isEmpty()) {
            return true;
        }
        String wanted = normalize(image);
        for (String entry : images) {
            String e = entry.endsWith(":*") ? entry.substring(0, entry.length() - 2) : entry;
            if (hasTag(e)) {
                if (normalize(e).equals(wanted)) {
                    return true;
                }
            } else if (repository(wanted).equals(repository(normalize(e)))) {
                return true;
            }
        }
        return false;
    }

    /** The fully qualified image reference, as the kubelet reports it in containerStatuses[].image. */
    static String normalize(String image) {
        String ref = image.trim();
        String digest = "";
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = ref.substring(at);
            ref = ref.substring(0, at);
        }
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            ref = "docker.io/" + (slash < 0 ? "library/" : "") + ref;
        }
        if (!hasTag(ref) && digest.isEmpty()) {
            ref = ref + ":latest";
        }
        return ref + digest;
    }

    private static boolean hasTag(String ref) {
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) >= 0;
    }

    private static String repository(String normalized) {
        int at = normalized.indexOf('@');
        String ref = at >= 0 ? normalized.substring(0, at) : normalized;
        int slash = ref.lastIndexOf('/');
        int colon = ref.indexOf(':', slash + 1);
        return colon >= 0 ? ref.substring(0, colon) : ref;
    }
}
