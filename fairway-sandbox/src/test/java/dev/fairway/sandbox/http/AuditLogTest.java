package dev.fairway.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.fairway.kube.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    @Test
    void writesOneLinePerEventAndPostsEventListsToTheWebhook() throws Exception {
        List<JsonNode> posted = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/audit", ex -> {
            posted.add(Json.MAPPER.readTree(ex.getRequestBody()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        try (AuditLog log = new AuditLog(dir.resolve("audit.log"),
                URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/audit"))) {
            for (int i = 0; i < 3; i++) {
                ObjectNode e = Json.object();
                e.put("kind", "Event");
                e.put("apiVersion", "audit.k8s.io/v1");
                e.put("auditID", "id-" + i);
                log.record(e);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> posted.stream().mapToInt(p -> p.path("items").size()).sum() == 3);
        } finally {
            hook.stop(0);
        }
        List<String> lines = Files.readAllLines(dir.resolve("audit.log"));
        assertThat(lines).hasSize(3);
        assertThat(Json.parse(lines.get(2)).path("auditID").asText()).isEqualTo("id-2");
        assertThat(posted.get(0).path("kind").asText()).isEqualTo("EventList");
    }

    @Test
    void aDownWebhookLosesNothingOnDisk() throws Exception {
        try (AuditLog log = new AuditLog(dir.resolve("audit.log"), URI.create("http://127.0.0.1:1/nothing-listens"))) {
            ObjectNode e = Json.object();
            e.put("auditID", "x");
            log.record(e);
        }
        assertThat(Files.readAllLines(dir.resolve("audit.log"))).hasSize(1);
    }
}
