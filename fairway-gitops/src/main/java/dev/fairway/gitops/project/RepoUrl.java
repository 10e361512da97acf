package dev.fairway.gitops.project;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Argo CD's comparison form of a git URL: lower case, no {@code .git} suffix, and scp-style
 * {@code git@host:org/repo} written as {@code git@host/org/repo}, so that the spellings of one
 * repository compare equal and a project's {@code sourceRepos} cannot be dodged by case or suffix.
 */
final class RepoUrl {

    private static final Pattern SSH = Pattern.compile("^(ssh://)?([^/:]*?)@[^@]+$");

    private RepoUrl() {}

    static String normalize(String url) {
        String repo = url.strip().toLowerCase(Locale.ROOT);
        if (SSH.matcher(repo).matches() && !repo.startsWith("ssh://")) {
            repo = "ssh://" + repo.replaceFirst(":", "/");
        }
        if (repo.endsWith(".git")) {
            repo = repo.substring(0, repo.length() - 4);
        }
        return repo.startsWith("ssh://") ? repo.substring("ssh://".length()) : repo;
    }
}
