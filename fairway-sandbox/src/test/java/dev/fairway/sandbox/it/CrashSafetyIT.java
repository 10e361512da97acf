package dev.fairway.sandbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the sandbox with SIGKILL while eight clients write, starts it again on the same data, and
 * checks the promise of a durable store: every write the server acknowledged is there with at
 * least the content acknowledged, and resourceVersions keep rising past everything acknowledged.
 */
class CrashSafetyIT {

    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
    private static final int WRITERS = 8;

    @TempDir
    static Path dir;

    /** The newest acknowledged state of one ConfigMap: its generation counter and resourceVersion. */
    record Ack(long counter, long resourceVersion) {}

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Path data = dir.resolve("data");
        Map<String, Ack> acked = new ConcurrentHashMap<>();
        AtomicLong highestAckedRv = new AtomicLong();
        AtomicInteger ackCount = new AtomicInteger();
        AtomicInteger failuresWhileAlive = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();

        try (SandboxProcess server = SandboxProcess.start("crash", data)) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<java.util.concurrent.Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> write(server.http(), writer, acked, highestAckedRv, ackCount, failuresWhileAlive, killed)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ackCount.get() >= 400);
            killed.set(true);
            server.kill();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("writers stop once the server is gone").isTrue();
            for (var f : writers) {
                f.get();
            }
        }
        assertThat(failuresWhileAlive.get()).as("writes refused while the server was up").isZero();
        assertThat(acked).hasSizeGreaterThan(50);

        try (SandboxProcess restarted = SandboxProcess.start("crash", data)) {
            SandboxHttp http = restarted.http();
            SandboxHttp.Answer list = http.get(CONFIGMAPS);
            assertThat(list.code()).isEqualTo(200);
            Map<String, JsonNode> stored = new HashMap<>();
            for (JsonNode item : list.json().path("items")) {
                stored.put(item.path("metadata").path("name").asText(), item);
            }
            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, Ack> e : acked.entrySet()) {
                JsonNode cm = stored.get(e.getKey());
                if (cm == null) {
                    lost.add(e.getKey() + " (missing)");
                    continue;
                }
                long counter = Long.parseLong(cm.path("data").path("counter").asText("-1"));
                long rv = Long.parseLong(cm.path("metadata").path("resourceVersion").asText());
                if (counter < e.getValue().counter() || rv < e.getValue().resourceVersion()) {
                    lost.add(e.getKey() + " (acknowledged counter " + e.getValue().counter() + " rv " + e.getValue().resourceVersion()
                            + ", found counter " + counter + " rv " + rv + ")");
                }
            }
            assertThat(lost).as("acknowledged writes lost of %d", acked.size()).isEmpty();
            assertThat(Long.parseLong(list.json().path("metadata").path("resourceVersion").asText()))
                    .isGreaterThanOrEqualTo(highestAckedRv.get());

            SandboxHttp.Answer fresh = http.post(CONFIGMAPS, configMap("after-restart", 0));
            assertThat(fresh.code()).as(fresh.toString()).isEqualTo(201);
            assertThat(Long.parseLong(fresh.json().path("metadata").path("resourceVersion").asText()))
                    .isGreaterThan(highestAckedRv.get());
        }
    }

    /**
     * One client: creates its ConfigMaps and keeps updating them with a rising counter, recording
     * each acknowledged state, until the server dies.
     */
    private static void write(SandboxHttp http, int writer, Map<String, Ack> acked, AtomicLong highestAckedRv,
                              AtomicInteger ackCount, AtomicInteger failuresWhileAlive, AtomicBoolean killed) {
        Map<String, ObjectNode> mine = new HashMap<>();
        for (int i = 0; i < 10_000 && !killed.get(); i++) {
            try {
                SandboxHttp.Answer a;
                String name;
                long counter;
                if (i % 3 == 0 || mine.isEmpty()) {
                    name = "w" + writer + "-" + i;
                    counter = 0;
                    a = http.trySend(http.request(CONFIGMAPS, token(http)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(configMap(name, counter)))));
                } else {
                    List<String> names = new ArrayList<>(mine.keySet());
                    name = names.get(i % names.size());
                    ObjectNode current = mine.get(name);
                    counter = Long.parseLong(current.path("data").path("counter").asText()) + 1;
                    ObjectNode next = current.deepCopy();
                    ((ObjectNode) next.path("data")).put("counter", Long.toString(counter));
                    a = http.trySend(http.request(CONFIGMAPS + "/" + name, token(http)).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(next))));
                }
                if (a.code() == 200 || a.code() == 201) {
                    ObjectNode stored = (ObjectNode) a.json();
                    long rv = Long.parseLong(stored.path("metadata").path("resourceVersion").asText());
                    mine.put(name, stored);
                    acked.put(name, new Ack(counter, rv));
                    highestAckedRv.accumulateAndGet(rv, Math::max);
                    ackCount.incrementAndGet();
                } else if (!killed.get()) {
                    failuresWhileAlive.incrementAndGet();
                }
            } catch (IOException e) {
                if (!killed.get()) {
                    failuresWhileAlive.incrementAndGet();
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String token(SandboxHttp http) {
        return http.token();
    }

    private static ObjectNode configMap(String name, long counter) {
        ObjectNode cm = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", name);
        cm.putObject("data").put("counter", Long.toString(counter)).put("payload", "x".repeat(200));
        return cm;
    }
}
