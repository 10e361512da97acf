package dev.fairway.sandbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvObjectStoreTest {

    @TempDir
    Path dir;

    private static Write.Put put(ObjectKey key, long expected, String value) {
        return new Write.Put(key, expected, rv -> (value + "@" + rv).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(StoredObject o) {
        return new String(o.json(), StandardCharsets.UTF_8);
    }

    @Test
    void writesGetRisingRevisionsThatSurviveReopening() throws Exception {
        ObjectKey a = new ObjectKey("", "configmaps", "ns", "a");
        ObjectKey b = new ObjectKey("", "configmaps", "ns", "b");
        try (MvObjectStore s = MvObjectStore.open(dir.resolve("s.mv"), true)) {
            assertThat(s.write(put(a, 0, "one")).resourceVersion()).isEqualTo(1);
            assertThat(s.write(put(b, 0, "two")).resourceVersion()).isEqualTo(2);
            assertThat(s.write(put(a, 1, "three")).resourceVersion()).isEqualTo(3);
        }
        try (MvObjectStore s = MvObjectStore.open(dir.resolve("s.mv"), true)) {
            assertThat(s.revision()).isEqualTo(3);
            assertThat(text(s.get(a).orElseThrow())).isEqualTo("three@3");
            assertThat(s.get(a).orElseThrow().resourceVersion()).isEqualTo(3);
            assertThat(s.write(put(b, 2, "four")).resourceVersion()).isEqualTo(4);
        }
    }

    @Test
    void staleWritesConflictAndShowWhatIsThere() throws Exception {
        ObjectKey a = new ObjectKey("apps", "deployments", "ns", "a");
        try (MvObjectStore s = MvObjectStore.open(dir.resolve("s.mv"), false)) {
            s.write(put(a, 0, "v1"));
            s.write(put(a, 1, "v2"));
            assertThatThrownBy(() -> s.write(put(a, 1, "stale")))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.current().resourceVersion()).isEqualTo(2));
            assertThatThrownBy(() -> s.write(put(a, 0, "create again"))).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> s.write(new Write.Delete(new ObjectKey("apps", "deployments", "ns", "missing"), -1, rv -> new byte[0])))
                    .isInstanceOf(ConflictException.class);
            assertThat(text(s.get(a).orElseThrow())).isEqualTo("v2@2");
        }
    }

    @Test
    void listsByPrefixInKeyOrderWithPaging() throws Exception {
        try (MvObjectStore s = MvObjectStore.open(dir.resolve("s.mv"), false)) {
            for (String ns : List.of("b", "a")) {
                for (int i = 0; i < 5; i++) {
                    s.write(put(new ObjectKey("", "configmaps", ns, "cm" + i), 0, ns + i));
                }
            }
            s.write(put(new ObjectKey("", "secrets", "a", "x"), 0, "secret"));
            assertThat(s.list(ObjectKey.prefix("", "configmaps", null), null, 0)).hasSize(10);
            List<StoredObject> inA = s.list(ObjectKey.prefix("", "configmaps", "a"), null, 0);
            assertThat(inA).extracting(o -> o.key().name()).containsExactly("cm0", "cm1", "cm2", "cm3", "cm4");
            List<StoredObject> page1 = s.list(ObjectKey.prefix("", "configmaps", null), null, 3);
            List<StoredObject> page2 = s.list(ObjectKey.prefix("", "configmaps", null), page1.get(2).key().encode(), 3);
            assertThat(page1).extracting(o -> o.key().namespace() + "/" + o.key().name()).containsExactly("a/cm0", "a/cm1", "a/cm2");
            assertThat(page2).extracting(o -> o.key().namespace() + "/" + o.key().name()).containsExactly("a/cm3", "a/cm4", "b/cm0");
            assertThat(s.count(ObjectKey.prefix("", "configmaps", "b"))).isEqualTo(5);
        }
    }

    @Test
    void listenersSeeEveryChangeOnceInRevisionOrderUnderConcurrentWriters() throws Exception {
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        try (MvObjectStore s = MvObjectStore.open(dir.resolve("s.mv"), true)) {
            s.addListener(c -> seen.add(c.resourceVersion()));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        s.write(put(new ObjectKey("", "configmaps", "ns", "t" + tt + "-" + i), 0, "x"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            assertThat(s.revision()).isEqualTo(800);
        }
        assertThat(seen).hasSize(800).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void deleteRecordsTheLastStateWithTheDeletionRevision() throws Exception {
        ObjectKey a = new ObjectKey("", "pods", "ns", "p");
        List<Change> changes = new ArrayList<>();
        try (MvObjectStore s = MvObjectStore.open(dir.resolve("s.mv"), false)) {
            s.addListener(changes::add);
            s.write(put(a, 0, "alive"));
            Change d = s.write(new Write.Delete(a, 1, rv -> ("gone@" + rv).getBytes(StandardCharsets.UTF_8)));
            assertThat(d.type()).isEqualTo(Change.Type.DELETED);
            assertThat(new String(d.json(), StandardCharsets.UTF_8)).isEqualTo("gone@2");
            assertThat(new String(d.previous(), StandardCharsets.UTF_8)).isEqualTo("alive@1");
            assertThat(s.get(a)).isEmpty();
        }
        assertThat(changes).extracting(Change::type).containsExactly(Change.Type.ADDED, Change.Type.DELETED);
    }
}
