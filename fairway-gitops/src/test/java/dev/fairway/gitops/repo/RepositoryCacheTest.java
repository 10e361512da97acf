package dev.fairway.gitops.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.gitops.repo.RepositoryException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryCacheTest {

    @TempDir
    Path temp;

    private TestRepository origin;
    private String first;
    private String second;
    private String onFeature;
    private RepositoryCache cache;

    @BeforeEach
    void makeRepository() {
        origin = TestRepository.create(temp.resolve("origin"));
        first = origin.commit("first", Map.of("app/cm.yaml", "one"));
        origin.annotatedTag("v1.0.0");
        second = origin.commit("second", Map.of("app/cm.yaml", "two"));
        origin.lightweightTag("latest");
        origin.branch("feature");
        onFeature = origin.commit("feature work", Map.of("app/cm.yaml", "feature"));
        origin.switchTo("main");
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
        origin.close();
    }

    private RepositoryCache cache(RepositoryCacheSettings settings) {
        cache = new RepositoryCache(settings, RepositoryCredentials::none);
        return cache;
    }

    private RepositoryCacheSettings settings() {
        return RepositoryCacheSettings.defaults(temp.resolve("cache")).withFetchTimeout(Duration.ofSeconds(30));
    }

    @Test
    void resolvesEveryRevisionForm() {
        RepositoryCache cache = cache(settings());
        String url = origin.url();

        assertThat(cache.resolve(url, "").commitSha()).isEqualTo(second);
        assertThat(cache.resolve(url, null).commitSha()).isEqualTo(second);
        assertThat(cache.resolve(url, "HEAD").commitSha()).isEqualTo(second);
        assertThat(cache.resolve(url, "main").commitSha()).isEqualTo(second);
        assertThat(cache.resolve(url, "feature").commitSha()).isEqualTo(onFeature);
        assertThat(cache.resolve(url, "refs/heads/feature").commitSha()).isEqualTo(onFeature);
        assertThat(cache.resolve(url, "v1.0.0").commitSha()).as("annotated tag peeled to its commit").isEqualTo(first);
        assertThat(cache.resolve(url, "latest").commitSha()).isEqualTo(second);
        assertThat(cache.resolve(url, second).commitSha()).isEqualTo(second);
        assertThat(cache.resolve(url, second.substring(0, 7)).commitSha()).isEqualTo(second);
        assertThat(cache.resolve(url, first.toUpperCase()).commitSha()).isEqualTo(first);
    }

    @Test
    void anOldCommitBelowTheBranchTipsIsFetchedWithHistory() throws Exception {
        origin.commit("third", Map.of("app/cm.yaml", "three"));
        try (var git = org.eclipse.jgit.api.Git.open(origin.directory().toFile())) {
            git.tagDelete().setTags("latest").call();
        }
        RepositoryCache cache = cache(settings());

        // The first fetch is shallow (only branch and tag tips); "second" is neither any more.
        // Its tag "latest" still points at it, so delete the tag first.
        cache.resolve(origin.url(), "main");
        assertThat(cache.resolve(origin.url(), second.substring(0, 10)).commitSha()).isEqualTo(second);
        assertThat(Files.readString(cache.checkout(origin.url(), second).resolve("app/cm.yaml"))).isEqualTo("two");
    }

    @Test
    void checkoutGivesTheFilesOfTheCommitReadOnly() throws Exception {
        RepositoryCache cache = cache(settings());
        String sha = cache.resolve(origin.url(), "v1.0.0").commitSha();

        Path snapshot = cache.checkout(origin.url(), sha);

        assertThat(Files.readString(snapshot.resolve("app/cm.yaml"))).isEqualTo("one");
        assertThat(snapshot.getFileName().toString()).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(snapshot.resolve("app/cm.yaml")).toString())
                .doesNotContain("WRITE");
        assertThat(cache.checkout(origin.url(), sha)).isEqualTo(snapshot);
        assertThat(Files.readString(cache.checkout(origin.url(), onFeature).resolve("app/cm.yaml")))
                .isEqualTo("feature");
    }

    @Test
    void aFullShaTheMirrorHasNeedsNoFetch() {
        RepositoryCache cache = cache(settings().withReuse(Duration.ZERO));
        cache.resolve(origin.url(), "main");
        long fetches = cache.fetchCount();

        cache.resolve(origin.url(), second);

        assertThat(cache.fetchCount()).isEqualTo(fetches);
    }

    @Test
    void concurrentResolvesShareOneFetch() throws Exception {
        int callers = 8;
        CountDownLatch arrived = new CountDownLatch(callers);
        List<String> fetched = new ArrayList<>();
        cache = new RepositoryCache(settings().withReuse(Duration.ZERO), RepositoryCredentials::none, url -> {
            synchronized (fetched) {
                fetched.add(url);
            }
            try {
                // Hold the fetch until every caller has asked, so all of them find it in flight.
                arrived.await(10, TimeUnit.SECONDS);
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExecutorService callersPool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<ResolvedRevision>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(callersPool.submit(() -> {
                    arrived.countDown();
                    return cache.resolve(origin.url(), "main");
                }));
            }
            for (Future<ResolvedRevision> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS).commitSha()).isEqualTo(second);
            }
        } finally {
            callersPool.shutdownNow();
        }
        assertThat(fetched).hasSize(1);
        assertThat(cache.fetchCount()).isEqualTo(1);
    }

    @Test
    void aNewCommitIsSeenAfterRefreshButARecentFetchIsReused() {
        RepositoryCache cache = cache(settings().withReuse(Duration.ofMinutes(5)));
        assertThat(cache.resolve(origin.url(), "main").commitSha()).isEqualTo(second);
        String third = origin.commit("third", Map.of("app/cm.yaml", "three"));

        assertThat(cache.resolve(origin.url(), "main").commitSha()).as("within the reuse window").isEqualTo(second);
        assertThat(cache.fetchCount()).isEqualTo(1);

        cache.refresh(origin.url());
        assertThat(cache.resolve(origin.url(), "main").commitSha()).isEqualTo(third);
        assertThat(cache.fetchCount()).isEqualTo(2);
    }

    @Test
    void aDeletedBranchDisappearsOnTheNextFetch() {
        RepositoryCache cache = cache(settings().withReuse(Duration.ZERO));
        assertThat(cache.resolve(origin.url(), "feature").commitSha()).isEqualTo(onFeature);
        try (var git = org.eclipse.jgit.api.Git.open(origin.directory().toFile())) {
            git.branchDelete().setBranchNames("feature").setForce(true).call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        assertThatThrownBy(() -> cache.resolve(origin.url(), "feature"))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("revision \"feature\" not found");
    }

    @Test
    void insteadOfRewritesARemoteUrlToALocalCheckout() {
        Path mirrors = temp.resolve("mirrors");
        TestRepository mirrored = TestRepository.create(mirrors.resolve("acme/app.git"));
        String sha = mirrored.commit("mirrored", Map.of("deploy.yaml", "x"));
        mirrored.close();
        RepositoryCache cache = cache(settings().withRewrites(new UrlRewriteRules(List.of(
                new UrlRewrite("https://github.com/", "https://unused.example/"),
                new UrlRewrite("https://github.com/acme/", mirrors.resolve("acme").toString() + "/")))));

        ResolvedRevision resolved = cache.resolve("https://github.com/acme/app.git", "main");

        assertThat(resolved.commitSha()).isEqualTo(sha);
        assertThat(resolved.repoUrl()).isEqualTo("https://github.com/acme/app.git");
        assertThat(cache.checkout("https://github.com/acme/app.git", sha).resolve("deploy.yaml")).exists();
    }

    @Test
    void aMissingRepositoryNamesTheUrlBeforeAndAfterRewriting() {
        RepositoryCache cache = cache(settings().withRewrites(new UrlRewriteRules(List.of(
                new UrlRewrite("https://github.com/", temp.resolve("nowhere") + "/")))));

        assertThatThrownBy(() -> cache.resolve("https://github.com/acme/gone.git", "main"))
                .isInstanceOfSatisfying(RepositoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REPOSITORY_NOT_FOUND))
                .hasMessageContaining("https://github.com/acme/gone.git (fetched from " + temp.resolve("nowhere"))
                .hasMessageContaining("does not exist")
                .hasMessageContaining("check spec.source.repoURL and the URL rewrite rules");
    }

    @Test
    void aRepositoryPathThatContainsAStatusCodeIsStillNotFoundRatherThanUnauthorized() {
        RepositoryCache cache = cache(settings().withRewrites(new UrlRewriteRules(List.of(
                new UrlRewrite("https://github.com/", temp.resolve("mirror-403-401") + "/")))));

        assertThatThrownBy(() -> cache.resolve("https://github.com/acme/gone.git", "main"))
                .isInstanceOfSatisfying(RepositoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REPOSITORY_NOT_FOUND));
    }

    @Test
    void aMissingLocalRepositoryIsReported() {
        RepositoryCache cache = cache(settings());
        String url = temp.resolve("no-such-repo").toUri().toString();

        assertThatThrownBy(() -> cache.resolve(url, "HEAD"))
                .isInstanceOfSatisfying(RepositoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REPOSITORY_NOT_FOUND))
                .hasMessageContaining(url).hasMessageContaining("does not exist");
    }

    @Test
    void aMissingRevisionNamesRevisionRepositoryAndWhatExists() {
        RepositoryCache cache = cache(settings());

        assertThatThrownBy(() -> cache.resolve(origin.url(), "release-9"))
                .isInstanceOfSatisfying(RepositoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REVISION_NOT_FOUND))
                .hasMessageContaining("revision \"release-9\" not found in repository " + origin.url())
                .hasMessageContaining("feature, latest, main, v1.0.0")
                .hasMessageContaining("fix targetRevision");
        assertThatThrownBy(() -> cache.resolve(origin.url(), "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"))
                .hasMessageContaining("revision \"deadbeefdeadbeefdeadbeefdeadbeefdeadbeef\" not found");
    }

    @Test
    void anEmptyRepositoryHasNoHead() {
        TestRepository empty = TestRepository.create(temp.resolve("empty"));
        empty.close();
        RepositoryCache cache = cache(settings());

        assertThatThrownBy(() -> cache.resolve(empty.url(), ""))
                .hasMessageContaining("has no HEAD").hasMessageContaining("push a commit");
    }

    @Test
    void anUnreadableSshKeyNamesTheSecret() {
        var secret = RepositoryCredentialsTest.secret("deploy-key", "repository",
                Map.of("url", origin.url(), "sshPrivateKey", "not a key"));
        cache = new RepositoryCache(settings(), () -> RepositoryCredentials.fromSecrets(List.of(secret)));

        assertThatThrownBy(() -> cache.resolve(origin.url(), "main"))
                .isInstanceOfSatisfying(RepositoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED))
                .hasMessageContaining("Secret argocd/deploy-key cannot be read");
    }

    @Test
    void checkoutRefusesAnAbbreviatedSha() {
        RepositoryCache cache = cache(settings());
        assertThatThrownBy(() -> cache.checkout(origin.url(), "abc1234"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("full 40-digit commit SHA");
    }
}
