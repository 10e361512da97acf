package dev.fairway.sandbox.defaults;

import java.util.regex.Pattern;

/**
 * The pull policy Kubernetes gives a container that names none: {@code Always} for an image
 * tagged {@code :latest} or not tagged at all, {@code IfNotPresent} otherwise (a digest without a
 * tag and an unparsable reference count as otherwise).
 */
final class ImagePullPolicy {

    // A lower-case repository path, optionally prefixed with a registry host[:port].
    private static final Pattern REPOSITORY = Pattern.compile(
            "^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$");
    private static final Pattern TAG = Pattern.compile("^[\\w][\\w.-]{0,127}$");

    private ImagePullPolicy() {}

    static String forImage(String image) {
        if (image == null || image.isEmpty()) {
            return "IfNotPresent";
        }
        String rest = image;
        boolean digest = false;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = true;
            rest = rest.substring(0, at);
        }
        String tag = "";
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return "IfNotPresent";
            }
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            return "IfNotPresent";
        }
        if (tag.isEmpty() && !digest) {
            tag = "latest";
        }
        return tag.equals("latest") ? "Always" : "IfNotPresent";
    }
}
