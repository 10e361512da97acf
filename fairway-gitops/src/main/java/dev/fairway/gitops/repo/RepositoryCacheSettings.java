package dev.fairway.gitops.repo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the repository cache works.
 *
 * @param directory where mirrors ({@code mirrors/}) and commit snapshots ({@code snapshots/}) live
 * @param fetchTimeout the longest one fetch may take, and the network read timeout given to git
 * @param reuseFetchWithin a fetch that finished less than this long ago is good enough for another
 *     resolve of the same repository, so that all applications of one refresh round share one
 *     fetch even when they are reconciled one after the other; {@link RepositoryCache#refresh}
 *     (a webhook, a hard refresh) overrides it
 * @param fetchThreads at most this many fetches run at once
 * @param shallow fetch only the tips of branches and tags (depth 1) until a revision needs history
 * @param rewrites {@code insteadOf} rules applied to every repository URL before fetching
 * @param knownHosts ssh known_hosts files that host keys are checked against
 */
public record RepositoryCacheSettings(Path directory, Duration fetchTimeout, Duration reuseFetchWithin,
        int fetchThreads, boolean shallow, UrlRewriteRules rewrites, List<Path> knownHosts) {

    public RepositoryCacheSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        Objects.requireNonNull(reuseFetchWithin, "reuseFetchWithin");
        Objects.requireNonNull(rewrites, "rewrites");
        knownHosts = List.copyOf(knownHosts);
        if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("fetchTimeout must be positive, was " + fetchTimeout);
        }
        if (fetchThreads < 1) {
            throw new IllegalArgumentException("fetchThreads must be at least 1, was " + fetchThreads);
        }
    }

    /** 90 s per fetch (as Argo CD's git request default), 5 s reuse, 4 fetch threads, shallow. */
    public static RepositoryCacheSettings defaults(Path directory) {
        return new RepositoryCacheSettings(directory, Duration.ofSeconds(90), Duration.ofSeconds(5), 4, true,
                UrlRewriteRules.none(), List.of());
    }

    public RepositoryCacheSettings withRewrites(UrlRewriteRules rules) {
        return new RepositoryCacheSettings(directory, fetchTimeout, reuseFetchWithin, fetchThreads, shallow, rules,
                knownHosts);
    }

    public RepositoryCacheSettings withReuse(Duration reuse) {
        return new RepositoryCacheSettings(directory, fetchTimeout, reuse, fetchThreads, shallow, rewrites, knownHosts);
    }

    public RepositoryCacheSettings withFetchTimeout(Duration timeout) {
        return new RepositoryCacheSettings(directory, timeout, reuseFetchWithin, fetchThreads, shallow, rewrites,
                knownHosts);
    }

    public RepositoryCacheSettings withShallow(boolean shallowFetches) {
        return new RepositoryCacheSettings(directory, fetchTimeout, reuseFetchWithin, fetchThreads, shallowFetches,
                rewrites, knownHosts);
    }
}
