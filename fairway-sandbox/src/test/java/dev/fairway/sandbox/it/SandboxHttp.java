package dev.fairway.sandbox.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Plain HTTPS requests to a sandbox, trusting only its CA, as a client that knows nothing of the
 * sandbox's code would send them. Used where kubectl and fabric8 would hide what the server said.
 */
final class SandboxHttp {

    private final HttpClient client;
    private final String url;
    private final String token;

    SandboxHttp(String url, String token, String caDataBase64) {
        this.url = url;
        this.token = token;
        this.client = HttpClient.newBuilder()
                .sslContext(trusting(caDataBase64))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** One answer: status, body and the headers a test looks at. */
    record Answer(int code, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the answer is not JSON (" + code + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return code + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    String token() {
        return token;
    }

    Answer get(String path) {
        return send(request(path, token).GET());
    }

    Answer send(String method, String path, String contentType, String body) {
        return send(request(path, token).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer send(String method, String path, String contentType, byte[] body) {
        return send(request(path, token).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer post(String path, ObjectNode body) {
        return send("POST", path, "application/json", Json.bytes(body));
    }

    Answer put(String path, ObjectNode body) {
        return send("PUT", path, "application/json", Json.bytes(body));
    }

    /** A request with the given bearer token, or none when {@code bearer} is null. */
    HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #send(HttpRequest.Builder)} but lets I/O failures through (a killed server). */
    Answer trySend(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body(), r);
    }

    private static SSLContext trusting(String caDataBase64) {
        try {
            byte[] pem = Base64.getDecoder().decode(caDataBase64);
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("sandbox-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the sandbox CA: " + e, e);
        }
    }
}
