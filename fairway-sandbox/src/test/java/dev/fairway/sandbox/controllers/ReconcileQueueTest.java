package dev.fairway.sandbox.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconcileQueueTest {

    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void aKeyAddedManyTimesWhileWaitingIsReconciledOnce() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ReconcileQueue<String> q = new ReconcileQueue<>("t", timers, key -> {
            if (key.equals("block")) {
                busy.await(5, TimeUnit.SECONDS);
            }
            seen.add(key);
            return null;
        })) {
            q.add("block");
            for (int i = 0; i < 10; i++) {
                q.add("a");
            }
            busy.countDown();
            assertThat(eventually(() -> seen.contains("a"))).isTrue();
            Thread.sleep(100);
            assertThat(seen).containsExactly("block", "a");
        }
    }

    @Test
    void aFailingReconcileIsRetriedAndAReconcileCanAskToBeCalledLater() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Long> at = new CopyOnWriteArrayList<>();
        try (ReconcileQueue<String> q = new ReconcileQueue<>("t", timers, key -> {
            at.add(System.nanoTime());
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new IllegalStateException("boom");
            }
            return n == 2 ? Duration.ofMillis(200) : null;
        })) {
            q.add("k");
            assertThat(eventually(() -> calls.get() == 3)).isTrue();
            assertThat(Duration.ofNanos(at.get(2) - at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(190));
            Thread.sleep(300);
            assertThat(calls.get()).as("no call once it answered null").isEqualTo(3);
        }
    }

    @Test
    void laterWakeUpsAreCoveredByAnEarlierOne() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ReconcileQueue<String> q = new ReconcileQueue<>("t", timers, key -> {
            calls.incrementAndGet();
            return null;
        })) {
            q.addAfter("k", Duration.ofMillis(100));
            q.addAfter("k", Duration.ofMillis(150));
            q.addAfter("k", Duration.ofMillis(200));
            Thread.sleep(400);
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
