package dev.fairway.gitops.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    @Test
    void aKeyIsQueuedOnceHoweverOftenItIsAdded() throws Exception {
        try (WorkQueue<String> queue = new WorkQueue<>(Duration.ofMillis(10), Duration.ofSeconds(1))) {
            queue.add("a");
            queue.add("b");
            queue.add("a");
            assertThat(queue.size()).isEqualTo(2);
            assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
            assertThat(queue.poll(Duration.ZERO)).isEqualTo("b");
            assertThat(queue.poll(Duration.ZERO)).isNull();
        }
    }

    @Test
    void aKeyBeingProcessedIsNotHandedOutTwiceButComesBackAfterDone() throws Exception {
        try (WorkQueue<String> queue = new WorkQueue<>(Duration.ofMillis(10), Duration.ofSeconds(1))) {
            queue.add("a");
            String key = queue.poll(Duration.ZERO);
            queue.add("a");
            assertThat(queue.poll(Duration.ZERO)).as("still processing").isNull();
            queue.done(key);
            assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
        }
    }

    @Test
    void failuresBackOffExponentiallyUpToTheMaximum() throws Exception {
        try (WorkQueue<String> queue = new WorkQueue<>(Duration.ofMillis(100), Duration.ofMillis(500))) {
            assertThat(queue.backoff(1)).isEqualTo(Duration.ofMillis(100));
            assertThat(queue.backoff(3)).isEqualTo(Duration.ofMillis(400));
            assertThat(queue.backoff(10)).isEqualTo(Duration.ofMillis(500));
            queue.addRateLimited("a");
            assertThat(queue.poll(Duration.ZERO)).as("not before its delay").isNull();
            assertThat(queue.poll(Duration.ofSeconds(5))).isEqualTo("a");
        }
    }
}
