package dev.fairway.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A push as GitHub, GitLab and Bitbucket (Cloud) webhooks describe it: which repository (by all
 * the URLs the payload names) and which branch or tag moved.
 *
 * @param repoUrls      the repository's URLs, normalised ({@link #normalise})
 * @param ref           the branch or tag name that moved ("main", "v1.2.0")
 * @param tag           whether {@code ref} is a tag
 * @param defaultBranch the repository's default branch when the payload says, else null
 */
record GitPush(Set<String> repoUrls, String ref, boolean tag, String defaultBranch) {

    /** Reads a push payload; null when the payload is no push event of a known provider. */
    static GitPush parse(String event, JsonNode p) {
        List<String> urls = new ArrayList<>();
        String ref = null;
        String defaultBranch = null;
        if (p.has("repository") && p.path("repository").has("clone_url")) {
            // GitHub
            JsonNode r = p.path("repository");
            for (String f : new String[] {"clone_url", "html_url", "ssh_url", "git_url", "url"}) {
                urls.add(r.path(f).asText(""));
            }
            ref = p.path("ref").asText(null);
            defaultBranch = r.path("default_branch").asText(null);
        } else if (p.has("project") && (p.path("project").has("git_http_url") || p.path("project").has("git_ssh_url"))) {
            // GitLab
            JsonNode r = p.path("project");
            for (String f : new String[] {"git_http_url", "git_ssh_url", "web_url", "http_url", "ssh_url"}) {
                urls.add(r.path(f).asText(""));
            }
            ref = p.path("ref").asText(null);
            defaultBranch = r.path("default_branch").asText(null);
        } else if (p.has("push") && p.path("repository").has("links")) {
            // Bitbucket Cloud
            JsonNode r = p.path("repository");
            urls.add(r.path("links").path("html").path("href").asText(""));
            String full = r.path("full_name").asText("");
            if (!full.isEmpty()) {
                urls.add("https://bitbucket.org/" + full);
                urls.add("git@bitbucket.org:" + full + ".git");
            }
            for (JsonNode change : p.path("push").path("changes")) {
                JsonNode target = change.path("new");
                if (target.has("name")) {
                    ref = (target.path("type").asText("branch").equals("tag") ? "refs/tags/" : "refs/heads/") + target.path("name").asText();
                }
            }
        } else {
            return null;
        }
        if (ref == null || ref.isEmpty()) {
            return null;
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String u : urls) {
            if (!u.isBlank()) {
                normalised.add(normalise(u));
            }
        }
        boolean tag = ref.startsWith("refs/tags/");
        String name = ref.replaceFirst("^refs/(heads|tags)/", "");
        return new GitPush(normalised, name, tag, defaultBranch);
    }

    /** The same repository written differently compares equal: scheme, user, ".git", case of the host, ssh form. */
    static String normalise(String url) {
        String u = url.trim();
        if (u.matches("^[\\w.-]+@[\\w.-]+:.*")) {
            // scp-like ssh: git@github.com:org/repo.git
            u = u.substring(u.indexOf('@') + 1).replaceFirst(":", "/");
        } else {
            u = u.replaceFirst("^[a-z+]+://", "");
            int at = u.indexOf('@');
            int slash = u.indexOf('/');
            if (at >= 0 && (slash < 0 || at < slash)) {
                u = u.substring(at + 1);
            }
        }
        u = u.replaceFirst("/+$", "").replaceFirst("\\.git$", "");
        int slash = u.indexOf('/');
        String host = (slash < 0 ? u : u.substring(0, slash)).toLowerCase(Locale.ROOT).replaceFirst(":(22|443|80)$", "");
        return slash < 0 ? host : host + u.substring(slash);
    }

    /** Whether an application following {@code repoUrl} at {@code targetRevision} is affected. */
    boolean affects(String repoUrl, String targetRevision) {
        if (!repoUrls.contains(normalise(repoUrl))) {
            return false;
        }
        String rev = targetRevision == null ? "" : targetRevision.replaceFirst("^refs/(heads|tags)/", "");
        if (rev.isEmpty() || rev.equals("HEAD")) {
            return !tag && (defaultBranch == null || defaultBranch.equals(ref));
        }
        // a commit SHA never moves; anything else is a branch or tag name
        return rev.equals(ref);
    }
}
