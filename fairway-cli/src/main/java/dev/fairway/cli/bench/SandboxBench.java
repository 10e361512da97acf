package dev.fairway.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures a sandbox started as its own process, over HTTPS as clients see it: durable creates
 * and updates per second with 1 and 16 clients, GETs per second, listing 10k objects, watch
 * delivery latency to 100 watchers, resident memory with many ConfigMaps and restart time.
 */
public final class SandboxBench {

    /** What to run. */
    public record Options(int objects, int watchers, int seconds, Path workDir) {}

    private final Options options;
    private final PrintStream out;

    public SandboxBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws Exception {
        Path data = options.workDir().resolve("data");
        out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        long startMs;
        SandboxProcess sandbox = SandboxProcess.start(data, 0, Duration.ofMinutes(2));
        try {
            ApiClient api = new ApiClient(sandbox.kubeconfig);
            api.send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bench\"}}");
            api.send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"watch\"}}");
            warmUp(api);
            for (int clients : new int[] {1, 16}) {
                double creates = writes(api, clients, "c" + clients, false);
                out.printf("durable creates/s, %2d client(s): %,.0f%n", clients, creates);
                double updates = writes(api, clients, "c" + clients, true);
                out.printf("durable updates/s, %2d client(s): %,.0f%n", clients, updates);
            }
            out.printf("GETs/s, 16 clients: %,.0f%n", gets(api, 16));
            fill(api, 10_000, "l");
            listTimes(api);
            watchLatency(api);
            int existing = count(api);
            fill(api, Math.max(0, options.objects() - existing), "f");
            System.gc();
            Thread.sleep(2000);
            out.printf("resident memory with %,d ConfigMaps: %,d MiB%n", count(api), sandbox.rssMiB());
        } finally {
            sandbox.close();
        }
        startMs = System.currentTimeMillis();
        try (SandboxProcess again = SandboxProcess.start(data, 0, Duration.ofMinutes(5))) {
            long readyMs = System.currentTimeMillis() - startMs;
            ApiClient api = new ApiClient(again.kubeconfig);
            out.printf("restart with %,d objects: %.2f s to ready (JVM start included)%n", count(api), readyMs / 1000.0);
        }
    }

    private void warmUp(ApiClient api) throws Exception {
        for (int i = 0; i < 300; i++) {
            api.send("POST", "/api/v1/namespaces/bench/configmaps", configMap("warm-" + i, "0"));
        }
    }

    private double writes(ApiClient api, int clients, String prefix, boolean update) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        int perClient = 100_000;
        for (int c = 0; c < clients; c++) {
            int client = c;
            fs.add(pool.submit(() -> {
                for (int i = 0; i < perClient && System.nanoTime() < end; i++) {
                    String name = prefix + "-" + client + "-" + i;
                    int code = update
                            ? api.send("PUT", "/api/v1/namespaces/bench/configmaps/" + name, configMap(name, "updated"))
                            : api.send("POST", "/api/v1/namespaces/bench/configmaps", configMap(name, "1"));
                    if (code == 404 && update) {
                        break;
                    }
                    if (code >= 300) {
                        failed.incrementAndGet();
                    } else {
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (failed.get() > 0) {
            out.printf("  (%d writes failed)%n", failed.get());
        }
        return done.get() / secs;
    }

    private double gets(ApiClient api, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    api.get("/api/v1/namespaces/bench/configmaps/warm-" + (i++ % 300));
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - t0) / 1e9);
    }

    private void fill(ApiClient api, int n, String prefix) throws Exception {
        if (n <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        Load.createAll(api, "/api/v1/namespaces/bench/configmaps", n, i -> configMap(prefix + "-" + i, "fill"), "ConfigMaps");
        out.printf("  (filled %,d ConfigMaps in %.1f s)%n", n, (System.nanoTime() - t0) / 1e9);
    }

    private void listTimes(ApiClient api) throws Exception {
        int items = count(api);
        List<Long> json = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = api.get("/api/v1/namespaces/bench/configmaps");
            json.add(System.nanoTime() - t);
            if (r.statusCode() != 200) {
                throw new IOException("list failed: " + r.statusCode());
            }
        }
        Collections.sort(json);
        out.printf("list of %,d objects (JSON, median of 5): %.0f ms%n", items, json.get(2) / 1e6);
    }

    private int count(ApiClient api) throws Exception {
        HttpResponse<byte[]> r = api.get("/api/v1/namespaces/bench/configmaps?limit=1");
        String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
        int i = body.indexOf("\"remainingItemCount\":");
        if (i < 0) {
            return body.contains("\"items\":[]") ? 0 : 1;
        }
        int end = i + 21;
        while (Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Integer.parseInt(body.substring(i + 21, end)) + 1;
    }

    private void watchLatency(ApiClient api) throws Exception {
        int watchers = options.watchers();
        int events = 200;
        ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch connected = new CountDownLatch(watchers);
        CountDownLatch finished = new CountDownLatch(watchers);
        HttpResponse<byte[]> list = api.get("/api/v1/namespaces/watch/configmaps");
        String rv = dev.fairway.kube.Json.MAPPER.readTree(list.body()).path("metadata").path("resourceVersion").asText();
        ExecutorService pool = Executors.newFixedThreadPool(watchers);
        List<HttpResponse<Stream<String>>> streams = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < watchers; w++) {
            running.add(pool.submit(() -> {
                HttpResponse<Stream<String>> r = api.stream("/api/v1/namespaces/watch/configmaps?watch=true&resourceVersion=" + rv);
                streams.add(r);
                connected.countDown();
                int seen = 0;
                var it = r.body().iterator();
                while (seen < events && it.hasNext()) {
                    String line = it.next();
                    long now = System.nanoTime();
                    int i = line.indexOf("\"name\":\"w-");
                    if (i >= 0) {
                        String name = line.substring(i + 8, line.indexOf('"', i + 8));
                        Long t = sentAt.get(name);
                        if (t != null) {
                            latencies.add(now - t);
                        }
                        seen++;
                    }
                }
                finished.countDown();
                return null;
            }));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            for (Future<?> f : running) {
                if (f.isDone()) {
                    f.get(); // surfaces why a watcher could not connect
                }
            }
            out.println("watch latency: only " + (watchers - connected.getCount()) + " of " + watchers + " watchers connected");
            pool.shutdownNow();
            return;
        }
        Thread.sleep(500);
        for (int i = 0; i < events; i++) {
            String name = "w-" + i;
            sentAt.put(name, System.nanoTime());
            api.send("POST", "/api/v1/namespaces/watch/configmaps", configMap(name, "1"));
            Thread.sleep(5);
        }
        finished.await(120, TimeUnit.SECONDS);
        pool.shutdownNow();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            out.println("watch latency: no events received");
            return;
        }
        out.printf("watch delivery latency, %d watchers x %d events (create sent -> event read): p50 %.1f ms, p99 %.1f ms%n",
                watchers, events, sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }

    private static String configMap(String name, String value) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"bench\"}},\"data\":{\"key\":\"" + value + "\",\"other\":\"some text of a typical length for a config value\"}}";
    }

    static Path tempDir() throws IOException {
        return Files.createTempDirectory("fairway-bench-");
    }
}
