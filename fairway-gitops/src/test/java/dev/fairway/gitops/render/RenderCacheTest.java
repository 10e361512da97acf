package dev.fairway.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.gitops.repo.RepositoryCache;
import dev.fairway.gitops.repo.RepositoryCacheSettings;
import dev.fairway.gitops.repo.RepositoryCredentials;
import dev.fairway.gitops.repo.ResolvedRevision;
import dev.fairway.gitops.repo.TestRepository;
import dev.fairway.kube.Meta;
import dev.fairway.kube.yaml.Manifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first two pipeline stages together: a real git repository, its snapshot, the cached render. */
class RenderCacheTest {

    @TempDir
    Path temp;

    private final AtomicInteger renders = new AtomicInteger();

    private RenderCache cache(int maxEntries) {
        Renderer counting = request -> {
            renders.incrementAndGet();
            return new DirectoryRenderer().render(request);
        };
        return new RenderCache(new DestinationNamespace(counting, ClusterScopedKinds.builtIn()), maxEntries);
    }

    @Test
    void anUnchangedCommitRendersNothingAndANewCommitRendersOnce() {
        try (TestRepository origin = TestRepository.create(temp.resolve("origin"));
                RepositoryCache repositories = new RepositoryCache(RepositoryCacheSettings.defaults(temp.resolve("cache"))
                        .withReuse(Duration.ZERO), RepositoryCredentials::none)) {
            origin.commit("first", Map.of("app/cm.yaml", Files2.configMap("one")));
            RenderCache cache = cache(100);

            for (int refresh = 0; refresh < 3; refresh++) {
                ResolvedRevision revision = repositories.resolve(origin.url(), "main");
                RenderedManifests rendered = cache.render(new RenderRequest(
                        repositories.checkout(origin.url(), revision.commitSha()), revision.commitSha(), "app",
                        SourceOptions.none(), "shop"));
                assertThat(rendered.revision()).isEqualTo(revision.commitSha());
                assertThat(rendered.manifests()).extracting(m -> Meta.name(m.object())).containsExactly("one");
            }
            assertThat(renders).hasValue(1);

            String second = origin.commit("second", Map.of("app/cm.yaml", Files2.configMap("two")));
            ResolvedRevision revision = repositories.resolve(origin.url(), "main");
            assertThat(revision.commitSha()).isEqualTo(second);
            RenderedManifests rendered = cache.render(new RenderRequest(repositories.checkout(origin.url(), second),
                    second, "app", SourceOptions.none(), "shop"));
            assertThat(rendered.manifests()).extracting(m -> Meta.name(m.object())).containsExactly("two");
            assertThat(renders).hasValue(2);
        }
    }

    @Test
    void otherOptionsPathsOrNamespacesAreOtherEntries() {
        Path repo = Files2.write(temp.resolve("repo"), Map.of("app/cm.yaml", Files2.configMap("one"),
                "app/sub/cm.yaml", Files2.configMap("two")));
        RenderCache cache = cache(100);
        SourceOptions recurse = new SourceOptions("a", Optional.of(new DirectoryOptions(true, "", "")), Optional.empty(),
                Optional.empty());

        cache.render(new RenderRequest(repo, "sha", "app", SourceOptions.none(), "x"));
        cache.render(new RenderRequest(repo, "sha", "./app/", SourceOptions.none(), "x"));
        assertThat(renders).as("same path written differently").hasValue(1);
        cache.render(new RenderRequest(repo, "sha", "app", recurse, "x"));
        cache.render(new RenderRequest(repo, "sha", "app", SourceOptions.none(), "y"));
        cache.render(new RenderRequest(repo, "sha", "app/sub", SourceOptions.none(), "x"));
        assertThat(renders).hasValue(4);
    }

    @Test
    void callersGetCopiesSoOneCannotChangeAnothersObjects() {
        Path repo = Files2.write(temp.resolve("repo"), Map.of("app/cm.yaml", Files2.configMap("one")));
        RenderCache cache = cache(100);
        RenderRequest request = new RenderRequest(repo, "sha", "app", SourceOptions.none(), "");

        Manifest first = cache.render(request).manifests().get(0);
        Meta.metadata(first.object()).put("name", "changed");

        assertThat(Meta.name(cache.render(request).manifests().get(0).object())).isEqualTo("one");
    }

    @Test
    void failuresAreNotCachedAndTheOldestEntriesAreDropped() {
        Path repo = Files2.write(temp.resolve("repo"), Map.of("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata: [\n"));
        RenderCache cache = cache(1);
        RenderRequest broken = new RenderRequest(repo, "sha", "app", SourceOptions.none(), "");

        assertThatThrownBy(() -> cache.render(broken)).isInstanceOf(RenderException.class);
        assertThatThrownBy(() -> cache.render(broken)).isInstanceOf(RenderException.class);
        assertThat(renders).hasValue(2);

        Files2.write(repo, Map.of("ok/cm.yaml", Files2.configMap("a"), "ok2/cm.yaml", Files2.configMap("b")));
        cache.render(new RenderRequest(repo, "sha", "ok", SourceOptions.none(), ""));
        cache.render(new RenderRequest(repo, "sha", "ok2", SourceOptions.none(), ""));
        cache.render(new RenderRequest(repo, "sha", "ok", SourceOptions.none(), ""));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(renders).hasValue(5);
    }

    @Test
    void theDestinationNamespaceGoesOnlyToNamespacedObjectsWithoutOne() {
        Path repo = Files2.write(temp.resolve("repo"), Map.of("app/all.yaml", Files2.configMap("plain") + "---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: own\n  namespace: elsewhere\n---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n"
                + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n---\n"
                + "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"));

        List<Manifest> manifests = cache(10).render(new RenderRequest(repo, "sha", "app", SourceOptions.none(), "shop"))
                .manifests();

        assertThat(manifests).extracting(m -> String.valueOf(Meta.namespace(m.object())))
                .containsExactly("shop", "elsewhere", "null", "null", "shop");
    }
}
