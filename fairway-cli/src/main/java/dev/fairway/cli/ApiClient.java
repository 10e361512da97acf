package dev.fairway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CLI's client of the Fairway REST API. */
final class ApiClient {

    /** An API call that failed, with the server's message. */
    static final class Failure extends Exception {
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ServerInfo server;

    ApiClient(ServerInfo server) {
        this.server = server;
    }

    JsonNode get(String path) throws Failure {
        return call("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) throws Failure {
        return call("POST", path, body == null ? "{}" : Json.write(body));
    }

    JsonNode delete(String path) throws Failure {
        return call("DELETE", path, null);
    }

    private JsonNode call(String method, String path, String body) throws Failure {
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + server.token()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = r.body().length == 0 ? Json.object() : Json.MAPPER.readTree(r.body());
            if (r.statusCode() >= 300) {
                throw new Failure(r.statusCode(), json.path("error").asText("HTTP " + r.statusCode()));
            }
            return json;
        } catch (ConnectException e) {
            throw new Failure(0, "cannot reach the Fairway server at " + server.url()
                    + ": is it running? start it with 'fairway server --sandbox NAME'");
        } catch (IOException e) {
            throw new Failure(0, "talking to the Fairway server at " + server.url() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, "interrupted");
        }
    }
}
