package dev.fairway.gitops.repo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A repository as the application names it and as it is actually fetched after URL rewriting.
 *
 * @param requested the URL from the application
 * @param effective the URL (or local path) fetched from
 */
public record RepositoryLocation(String requested, String effective) {

    static RepositoryLocation of(String requested, UrlRewriteRules rewrites) {
        if (requested == null || requested.isBlank()) {
            throw new RepositoryException(RepositoryException.Reason.REPOSITORY_NOT_FOUND, String.valueOf(requested),
                    "the application has no repository URL; set spec.source.repoURL", null);
        }
        String trimmed = requested.trim();
        return new RepositoryLocation(trimmed, rewrites.apply(trimmed));
    }

    /** {@code URL} or {@code URL (fetched from OTHER)}: how every message names the repository. */
    public String describe() {
        return requested.equals(effective) ? requested : requested + " (fetched from " + effective + ")";
    }

    /**
     * The URL compared for "same repository": lower case, without a trailing slash or {@code .git},
     * so that {@code https://Host/org/app.git} and {@code https://host/org/app} share one mirror,
     * as Argo CD treats them as one repository.
     */
    public static String normalize(String url) {
        String normal = url.trim().toLowerCase(Locale.ROOT);
        while (normal.endsWith("/")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        if (normal.endsWith(".git")) {
            normal = normal.substring(0, normal.length() - ".git".length());
        }
        return normal;
    }

    /** A directory name for the mirror of the effective URL: readable tail plus a hash. */
    String mirrorDirectoryName() {
        String normal = normalize(effective);
        String tail = normal.substring(normal.lastIndexOf('/') + 1).replaceAll("[^a-z0-9._-]", "_");
        if (tail.length() > 40) {
            tail = tail.substring(0, 40);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return (tail.isEmpty() ? "repo" : tail) + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
