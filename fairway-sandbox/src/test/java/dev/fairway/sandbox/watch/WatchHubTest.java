package dev.fairway.sandbox.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.sandbox.store.Change;
import dev.fairway.sandbox.store.ObjectKey;
import org.junit.jupiter.api.Test;

class WatchHubTest {

    private static Change change(long rv, String ns, String name) {
        return new Change(Change.Type.ADDED, new ObjectKey("", "configmaps", ns, name), rv, new byte[0], null);
    }

    private static final WatchHub.Scope ALL = new WatchHub.Scope(ObjectKey.prefix("", "configmaps", null), null);

    @Test
    void replaysHistoryAfterTheRequestedRevisionThenLiveChanges() throws Exception {
        WatchHub hub = new WatchHub(10, 100, 100);
        hub.accept(change(11, "a", "x"));
        hub.accept(change(12, "a", "y"));
        try (WatchHub.Subscription s = hub.subscribe(ALL, 11)) {
            hub.accept(change(13, "b", "z"));
            assertThat(s.poll(100).resourceVersion()).isEqualTo(12);
            assertThat(s.poll(100).resourceVersion()).isEqualTo(13);
            assertThat(s.poll(10)).isNull();
        }
    }

    @Test
    void revisionsOlderThanTheHistoryAreGone() {
        WatchHub hub = new WatchHub(0, 2, 100);
        hub.accept(change(1, "a", "1"));
        hub.accept(change(2, "a", "2"));
        hub.accept(change(3, "a", "3"));
        assertThatThrownBy(() -> hub.subscribe(ALL, 0)).isInstanceOf(WatchHub.TooOldException.class);
    }

    @Test
    void scopesFilterByNamespaceAndExactKey() throws Exception {
        WatchHub hub = new WatchHub(0, 100, 100);
        ObjectKey exact = new ObjectKey("", "configmaps", "a", "x");
        try (WatchHub.Subscription inB = hub.subscribe(new WatchHub.Scope(ObjectKey.prefix("", "configmaps", "b"), null), 0);
             WatchHub.Subscription one = hub.subscribe(new WatchHub.Scope("", exact.encode()), 0)) {
            hub.accept(change(1, "a", "x"));
            hub.accept(change(2, "b", "y"));
            hub.accept(change(3, "a", "xx"));
            assertThat(inB.poll(100).key().name()).isEqualTo("y");
            assertThat(inB.poll(10)).isNull();
            assertThat(one.poll(100).key().name()).isEqualTo("x");
            assertThat(one.poll(10)).isNull();
        }
    }

    @Test
    void aSlowWatcherOverflowsWithoutHoldingUpOthers() throws Exception {
        WatchHub hub = new WatchHub(0, 1000, 5);
        try (WatchHub.Subscription slow = hub.subscribe(ALL, 0); WatchHub.Subscription fast = hub.subscribe(ALL, 0)) {
            for (int i = 1; i <= 20; i++) {
                hub.accept(change(i, "a", "n" + i));
                assertThat(fast.poll(100).resourceVersion()).isEqualTo(i);
            }
            assertThat(slow.overflowed()).isTrue();
            assertThat(fast.overflowed()).isFalse();
        }
        assertThat(hub.watchers()).isZero();
    }
}
