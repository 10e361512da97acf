package dev.fairway.gitops.repo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The repository credentials of Argo CD's Secret format, looked up by repository URL.
 *
 * <ul>
 *   <li>Secrets labelled {@code argocd.argoproj.io/secret-type: repository} are for one repository:
 *       the {@code url} key must name it (compared without case, trailing slash or {@code .git}).
 *   <li>Secrets labelled {@code repo-creds} are templates: they apply to every repository whose URL
 *       starts with their {@code url}; the longest matching prefix wins.
 * </ul>
 *
 * A repository Secret without credentials of its own (it only declares the repository) takes them
 * from the matching template, as in Argo CD. Keys are read from {@code stringData} or the
 * base64-encoded {@code data}. Secrets of {@code type: helm} are not for git and are skipped. The
 * value is immutable; build a new one when the Secrets change.
 */
public final class RepositoryCredentials {

    static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";

    private record Entry(String url, GitCredentials credentials) {}

    private final List<Entry> repositories;
    private final List<Entry> templates;

    private RepositoryCredentials(List<Entry> repositories, List<Entry> templates) {
        this.repositories = List.copyOf(repositories);
        this.templates = List.copyOf(templates);
    }

    public static RepositoryCredentials none() {
        return new RepositoryCredentials(List.of(), List.of());
    }

    /**
     * Reads the Secrets that carry Argo CD's label; other Secrets are ignored, so the engine can pass
     * everything its informer sees.
     */
    public static RepositoryCredentials fromSecrets(List<ObjectNode> secrets) {
        List<Entry> repositories = new ArrayList<>();
        List<Entry> templates = new ArrayList<>();
        for (ObjectNode secret : secrets) {
            String type = Meta.text(Meta.at(secret, "metadata", "labels"), SECRET_TYPE_LABEL);
            if (!"repository".equals(type) && !"repo-creds".equals(type)) {
                continue;
            }
            String url = key(secret, "url");
            String gitType = key(secret, "type");
            if (url == null || url.isBlank() || gitType != null && !gitType.isBlank() && !gitType.equals("git")) {
                continue;
            }
            String source = Meta.namespace(secret) + "/" + Meta.name(secret);
            GitCredentials credentials = new GitCredentials(source, key(secret, "username"), key(secret, "password"),
                    key(secret, "sshPrivateKey"), "true".equalsIgnoreCase(key(secret, "insecure")));
            (type.equals("repository") ? repositories : templates).add(new Entry(url.trim(), credentials));
        }
        return new RepositoryCredentials(repositories, templates);
    }

    /** The credentials for {@code repoUrl}, or empty to connect anonymously. */
    public Optional<GitCredentials> lookup(String repoUrl) {
        String normal = RepositoryLocation.normalize(repoUrl);
        Optional<GitCredentials> own = repositories.stream()
                .filter(entry -> RepositoryLocation.normalize(entry.url()).equals(normal))
                .map(Entry::credentials)
                .filter(credentials -> !credentials.isEmpty())
                .findFirst();
        if (own.isPresent()) {
            return own;
        }
        String lower = repoUrl.trim().toLowerCase(Locale.ROOT);
        return templates.stream()
                .filter(entry -> lower.startsWith(entry.url().toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(entry -> entry.url().length()))
                .map(Entry::credentials);
    }

    private static String key(ObjectNode secret, String key) {
        String plain = Meta.text(secret.get("stringData"), key);
        if (plain != null) {
            return plain;
        }
        String encoded = Meta.text(secret.get("data"), key);
        if (encoded == null) {
            return null;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret " + Meta.namespace(secret) + "/" + Meta.name(secret)
                    + ": data." + key + " is not base64; encode it or move it to stringData", e);
        }
    }
}
