package dev.fairway.gitops.repo;

import dev.fairway.gitops.repo.RepositoryException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * One fetch of a repository into its bare mirror: branches, tags and the remote's HEAD, shallow
 * (depth 1) while the mirror has never needed history. JGit's failures become
 * {@link RepositoryException}s that say whether the repository is missing, the credentials were
 * refused, or the host did not answer.
 */
final class MirrorFetch {

    private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");
    private static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");
    private static final RefSpec HEAD = new RefSpec("+HEAD:" + RevisionResolver.REMOTE_HEAD);

    private final RepositoryCacheSettings settings;
    private final RepositoryCredentials credentials;
    private final RepositoryLocation location;

    MirrorFetch(RepositoryCacheSettings settings, RepositoryCredentials credentials, RepositoryLocation location) {
        this.settings = settings;
        this.credentials = credentials;
        this.location = location;
    }

    void run(Repository mirror, boolean history) {
        Optional<GitCredentials> login = credentials.lookup(location.effective())
                .or(() -> credentials.lookup(location.requested()));
        Path sshHome = null;
        try {
            sshHome = login.isPresent() && login.get().hasSshKey()
                    ? GitAuthentication.privateHome(settings.directory().resolve("tmp")) : settings.directory();
            try (GitAuthentication authentication = GitAuthentication.of(location, login, settings.knownHosts(), sshHome);
                    Git git = new Git(mirror)) {
                FetchCommand fetch = git.fetch()
                        .setRemote(location.effective())
                        .setRefSpecs(BRANCHES, TAGS, HEAD)
                        .setTagOpt(TagOpt.NO_TAGS)
                        .setRemoveDeletedRefs(true)
                        .setTimeout((int) Math.max(1, settings.fetchTimeout().toSeconds()));
                boolean shallow = !mirror.getObjectDatabase().getShallowCommits().isEmpty();
                if (history && shallow) {
                    fetch.setUnshallow(true);
                } else if (!history && settings.shallow() && (shallow || isEmpty(mirror))) {
                    fetch.setDepth(1);
                }
                try {
                    authentication.applyTo(fetch).call();
                } catch (TransportException e) {
                    if (!String.valueOf(e.getMessage()).contains("does not have HEAD")) {
                        throw e;
                    }
                    // An empty remote, or one whose HEAD names a missing branch: fetch the rest, and
                    // forget the old HEAD so that resolving "HEAD" says so.
                    authentication.applyTo(fetch.setRefSpecs(BRANCHES, TAGS)).call();
                    forgetRemoteHead(mirror);
                }
            }
        } catch (RepositoryException e) {
            throw e;
        } catch (GitAPIException | RuntimeException e) {
            throw classify(e, login);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the mirror of " + location.describe() + ": " + e.getMessage(), e);
        } finally {
            if (sshHome != null && !sshHome.equals(settings.directory())) {
                try {
                    DirectoryTrees.delete(sshHome);
                } catch (IOException ignored) {
                    // a leftover empty temp directory is harmless
                }
            }
        }
    }

    private static void forgetRemoteHead(Repository mirror) throws IOException {
        if (mirror.exactRef(RevisionResolver.REMOTE_HEAD) != null) {
            var update = mirror.updateRef(RevisionResolver.REMOTE_HEAD);
            update.setForceUpdate(true);
            update.delete();
        }
    }

    private static boolean isEmpty(Repository mirror) throws IOException {
        return mirror.getRefDatabase().getRefs().isEmpty();
    }

    private RepositoryException classify(Exception e, Optional<GitCredentials> login) {
        String detail = messages(e);
        // classify on what git said, not on the repository's own name (a path may hold "403")
        String lower = detail.replace(location.requested(), "").replace(location.effective(), "").toLowerCase(Locale.ROOT);
        String repo = "repository " + location.describe();
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
                || java.util.regex.Pattern.compile("\\b(401|403)\\b").matcher(lower).find() || lower.contains("permission denied")
                || lower.contains("no more authentication methods")) {
            String hint = login.isPresent()
                    ? "the credentials from Secret " + login.get().source() + " were refused; fix them"
                    : "it needs credentials: add a Secret labelled argocd.argoproj.io/secret-type: repository"
                            + " (or repo-creds) with its url and username/password or sshPrivateKey";
            return new RepositoryException(Reason.AUTHENTICATION_FAILED, location.requested(),
                    repo + ": authentication failed (" + detail + "); " + hint, e);
        }
        if (lower.contains("host key") || lower.contains("known_hosts") || lower.contains("server key")) {
            return new RepositoryException(Reason.AUTHENTICATION_FAILED, location.requested(), repo
                    + ": the ssh host key is not trusted (" + detail + "); add the host's key to the known hosts"
                    + " file, or set insecure: \"true\" in the repository Secret", e);
        }
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return new RepositoryException(Reason.TIMEOUT, location.requested(), repo + ": no answer within "
                    + settings.fetchTimeout().toSeconds() + " s (" + detail + "); check that the host is reachable"
                    + " from the engine, or raise the fetch timeout", e);
        }
        if (e instanceof InvalidRemoteException || hasCause(e, NoRemoteRepositoryException.class)
                || lower.contains("not found") || lower.contains("does not appear to be a git repository")
                || lower.contains("not a git repository") || lower.contains("repository not found")
                || localPathMissing()) {
            return new RepositoryException(Reason.REPOSITORY_NOT_FOUND, location.requested(), repo
                    + " does not exist (" + detail + "); check spec.source.repoURL"
                    + (location.requested().equals(location.effective()) ? "" : " and the URL rewrite rules"), e);
        }
        if (e instanceof TransportException || lower.contains("unknownhost") || lower.contains("connection")) {
            return new RepositoryException(Reason.UNREACHABLE, location.requested(), repo + " cannot be reached ("
                    + detail + "); check the URL and the network between the engine and the host", e);
        }
        return new RepositoryException(Reason.UNREACHABLE, location.requested(), repo + " cannot be fetched: "
                + detail, e);
    }

    private boolean localPathMissing() {
        String effective = location.effective();
        if (effective.startsWith("file://")) {
            effective = effective.substring("file://".length());
        } else if (effective.contains("://") || effective.matches("^[^/]+@[^:]+:.*")) {
            return false;
        }
        return !Files.exists(Path.of(effective));
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct messages along the cause chain: JGit's outermost message is often vague. */
    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(message.strip());
            }
        }
        return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
    }
}
