package dev.fairway.gitops.repo;

import dev.fairway.gitops.repo.RepositoryException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JGit-backed {@link ManifestSource}: one bare mirror per repository (by normalised URL after
 * rewriting) under {@code directory/mirrors}, and one read-only snapshot per commit under
 * {@code directory/snapshots/SHA}.
 *
 * <p>Snapshots are real directories rather than reads from the object database because kustomize,
 * helm and plain-directory rendering all need files on disk (kustomize follows {@code ../base}),
 * and a commit's files never change, so a snapshot written once serves every application and every
 * render of that commit.
 *
 * <p>Fetches are shallow (depth 1) until a revision needs history (a commit SHA that is not a
 * branch or tag tip), then the mirror is deepened once for good. Concurrent resolves of one
 * repository share the fetch in flight; a fetch that finished within
 * {@link RepositoryCacheSettings#reuseFetchWithin} is reused. Every fetch has a network read
 * timeout and a wall-clock limit. A full commit SHA the mirror already has needs no fetch at all.
 */
public final class RepositoryCache implements ManifestSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryCache.class);

    private final RepositoryCacheSettings settings;
    private final Supplier<RepositoryCredentials> credentials;
    private final Consumer<String> beforeNetworkFetch;
    private final ExecutorService fetchers;
    private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();
    private final RevisionResolver resolver = new RevisionResolver();
    private final SnapshotWriter snapshots = new SnapshotWriter();
    private final AtomicLong fetchCount = new AtomicLong();

    /**
     * @param credentials the current repository credentials; called on every fetch, so the engine
     *     can hand in a new value whenever its Secret informer sees a change
     */
    public RepositoryCache(RepositoryCacheSettings settings, Supplier<RepositoryCredentials> credentials) {
        this(settings, credentials, url -> {});
    }

    /** For tests: {@code beforeNetworkFetch} runs on the fetch thread as each fetch starts. */
    RepositoryCache(RepositoryCacheSettings settings, Supplier<RepositoryCredentials> credentials,
            Consumer<String> beforeNetworkFetch) {
        this.settings = settings;
        this.credentials = credentials;
        this.beforeNetworkFetch = beforeNetworkFetch;
        this.fetchers = Executors.newFixedThreadPool(settings.fetchThreads(), runnable -> {
            Thread thread = new Thread(runnable, "fairway-git-fetch");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public ResolvedRevision resolve(String repoUrl, String targetRevision) {
        RepositoryLocation location = RepositoryLocation.of(repoUrl, settings.rewrites());
        String revision = targetRevision == null ? "" : targetRevision.trim();
        Mirror mirror = mirror(location);
        if (RevisionResolver.isFullSha(revision) && mirror.hasCommit(revision)) {
            return new ResolvedRevision(repoUrl, revision, revision.toLowerCase());
        }
        mirror.awaitFetch(location, false);
        Optional<String> commit = resolveIn(mirror, location, revision);
        if (commit.isEmpty() && RevisionResolver.looksLikeSha(revision) && mirror.isShallow()) {
            mirror.awaitFetch(location, true); // a commit below the branch tips: fetch the history once
            commit = resolveIn(mirror, location, revision);
        }
        return new ResolvedRevision(repoUrl, revision,
                commit.orElseThrow(() -> revisionNotFound(mirror, location, revision)));
    }

    @Override
    public Path checkout(String repoUrl, String commitSha) {
        if (!RevisionResolver.isFullSha(commitSha)) {
            throw new IllegalArgumentException("checkout needs a full 40-digit commit SHA from resolve(), got \""
                    + commitSha + "\"");
        }
        String sha = commitSha.toLowerCase();
        Path target = settings.directory().resolve("snapshots").resolve(sha);
        if (Files.isDirectory(target)) {
            return target;
        }
        RepositoryLocation location = RepositoryLocation.of(repoUrl, settings.rewrites());
        Mirror mirror = mirror(location);
        if (!mirror.hasCommit(sha)) {
            resolve(repoUrl, sha); // the cache was cleared since: fetch it again
        }
        try {
            return snapshots.write(mirror.repository(), sha, target);
        } catch (SnapshotWriter.OutOfBoundsSymlinkException e) {
            throw new RepositoryException(Reason.INVALID_CONTENT, repoUrl, "repository " + location.describe()
                    + " at " + sha + ": " + e.getMessage() + "; symbolic links must stay inside the repository", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the files of " + sha + " of " + location.describe()
                    + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Makes the next {@link #resolve} of this repository fetch, whenever the last fetch was. */
    public void refresh(String repoUrl) {
        RepositoryLocation location = RepositoryLocation.of(repoUrl, settings.rewrites());
        mirror(location).markStale();
    }

    /** How many fetches were started since this cache was made (for metrics and tests). */
    public long fetchCount() {
        return fetchCount.get();
    }

    @Override
    public void close() {
        fetchers.shutdownNow();
        mirrors.values().forEach(Mirror::close);
    }

    private Mirror mirror(RepositoryLocation location) {
        String name = location.mirrorDirectoryName();
        return mirrors.computeIfAbsent(name, key -> new Mirror(settings.directory().resolve("mirrors").resolve(key)));
    }

    private Optional<String> resolveIn(Mirror mirror, RepositoryLocation location, String revision) {
        try {
            return resolver.resolve(mirror.repository(), revision);
        } catch (RevisionResolver.AmbiguousShaException e) {
            throw new RepositoryException(Reason.REVISION_NOT_FOUND, location.requested(), "revision " + revision
                    + " of repository " + location.describe() + " " + e.getMessage()
                    + "; give more digits of the SHA or the full SHA", e);
        } catch (IOException e) {
            throw new RepositoryException(Reason.INVALID_CONTENT, location.requested(), "revision " + revision
                    + " of repository " + location.describe() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private RepositoryException revisionNotFound(Mirror mirror, RepositoryLocation location, String revision) {
        if (revision.isEmpty() || revision.equals("HEAD")) {
            return new RepositoryException(Reason.REVISION_NOT_FOUND, location.requested(), "repository "
                    + location.describe() + " has no HEAD: it is empty or its default branch is gone; push a commit"
                    + " or set targetRevision to an existing branch", null);
        }
        return new RepositoryException(Reason.REVISION_NOT_FOUND, location.requested(), "revision \"" + revision
                + "\" not found in repository " + location.describe() + ": it is no branch, tag or commit there"
                + knownRefs(mirror) + "; fix targetRevision or push the revision", null);
    }

    private static String knownRefs(Mirror mirror) {
        try {
            List<String> names = mirror.repository().getRefDatabase().getRefsByPrefix("refs/heads/", "refs/tags/")
                    .stream().map(Ref::getName).map(Repository::shortenRefName).sorted().limit(10).toList();
            return names.isEmpty() ? "" : " (branches and tags: " + String.join(", ", names) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** One bare mirror: its JGit repository and the fetches in flight for it. */
    private final class Mirror {
        private final Path directory;
        private Repository repository;
        private CompletableFuture<Void> tipsInFlight;
        private CompletableFuture<Void> historyInFlight;
        private Instant lastFetch;

        Mirror(Path directory) {
            this.directory = directory;
        }

        synchronized Repository repository() {
            if (repository == null) {
                try {
                    repository = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                            .setGitDir(directory.toFile()).setBare().build();
                    if (!repository.getObjectDatabase().exists()) {
                        repository.create(true);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the repository mirror " + directory + ": "
                            + e.getMessage(), e);
                }
            }
            return repository;
        }

        boolean hasCommit(String sha) {
            try {
                return repository().getObjectDatabase().has(ObjectId.fromString(sha.toLowerCase()));
            } catch (IOException e) {
                return false;
            }
        }

        boolean isShallow() {
            try {
                return !repository().getObjectDatabase().getShallowCommits().isEmpty();
            } catch (IOException e) {
                return false;
            }
        }

        synchronized void markStale() {
            lastFetch = null;
        }

        void awaitFetch(RepositoryLocation location, boolean history) {
            CompletableFuture<Void> fetch;
            synchronized (this) {
                fetch = history ? historyInFlight : tipsInFlight;
                if (fetch == null) {
                    if (!history && lastFetch != null
                            && Duration.between(lastFetch, Instant.now()).compareTo(settings.reuseFetchWithin()) < 0) {
                        return;
                    }
                    fetch = CompletableFuture.runAsync(() -> fetch(location, history), fetchers);
                    if (history) {
                        historyInFlight = fetch;
                    } else {
                        tipsInFlight = fetch;
                    }
                }
            }
            Duration limit = settings.fetchTimeout().plusSeconds(5);
            try {
                fetch.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new RepositoryException(Reason.TIMEOUT, location.requested(), "fetching repository "
                        + location.describe() + " took longer than " + settings.fetchTimeout().toSeconds()
                        + " s; check that the host is reachable from the engine, or raise the fetch timeout", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RepositoryException(Reason.TIMEOUT, location.requested(), "interrupted while fetching "
                        + location.describe(), e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RepositoryException repositoryError) {
                    // A fresh exception per waiter, so each caller's stack shows where it waited.
                    throw new RepositoryException(repositoryError.reason(), repositoryError.repoUrl(),
                            repositoryError.getMessage(), repositoryError);
                }
                throw new IllegalStateException("fetching " + location.describe() + " failed: " + e.getCause(),
                        e.getCause());
            }
        }

        private void fetch(RepositoryLocation location, boolean history) {
            try {
                fetchCount.incrementAndGet();
                beforeNetworkFetch.accept(location.effective());
                new MirrorFetch(settings, credentials.get(), location).run(repository(), history);
                synchronized (this) {
                    lastFetch = Instant.now();
                }
                LOG.debug("event=fetched repo={} history={}", location.describe(), history);
            } finally {
                synchronized (this) {
                    if (history) {
                        historyInFlight = null;
                    } else {
                        tipsInFlight = null;
                    }
                }
            }
        }

        synchronized void close() {
            if (repository != null) {
                repository.close();
            }
        }
    }
}
