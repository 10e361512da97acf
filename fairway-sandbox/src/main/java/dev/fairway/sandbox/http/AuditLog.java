package dev.fairway.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code audit.k8s.io/v1} Events, one JSON line each, to a file and optionally POSTs them
 * in {@code EventList} batches to a webhook, as kube-apiserver's audit back ends do. Requests never
 * wait for the disk: events go through a bounded queue; when it is full, events are counted as
 * dropped rather than slowing the API.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final BlockingQueue<ObjectNode> queue = new ArrayBlockingQueue<>(50_000);
    private final OutputStream out;
    private final URI webhook;
    private final HttpClient http;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    public AuditLog(Path file, URI webhook) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16);
        this.webhook = webhook;
        this.http = webhook == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.writer = new Thread(this::run, "audit-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public void record(ObjectNode event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<ObjectNode> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                ObjectNode first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 999);
                for (ObjectNode e : batch) {
                    out.write(Json.bytes(e));
                    out.write('\n');
                }
                out.flush();
                if (webhook != null) {
                    post(batch);
                }
                batch.clear();
            } catch (InterruptedException e) {
                break;
            } catch (IOException e) {
                LOG.error("event=audit_write_failed error={}", e.toString());
                batch.clear();
            }
        }
    }

    private void post(List<ObjectNode> batch) {
        ObjectNode list = Json.object();
        list.put("kind", "EventList");
        list.put("apiVersion", "audit.k8s.io/v1");
        list.putObject("metadata");
        batch.forEach(list.putArray("items")::add);
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(list))).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() >= 300) {
                LOG.warn("event=audit_webhook_rejected status={} url={}", r.statusCode(), webhook);
            }
        } catch (IOException e) {
            LOG.warn("event=audit_webhook_failed url={} error={}", webhook, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("event=audit_close_failed error={}", e.toString());
        }
    }
}
