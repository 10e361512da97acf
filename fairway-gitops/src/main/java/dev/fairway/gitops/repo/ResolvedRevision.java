package dev.fairway.gitops.repo;

/**
 * A target revision pinned to a commit.
 *
 * @param repoUrl the repository URL as the application names it
 * @param targetRevision the revision as the application names it ({@code ""} means HEAD)
 * @param commitSha the full 40-character commit SHA it resolved to
 */
public record ResolvedRevision(String repoUrl, String targetRevision, String commitSha) {}
