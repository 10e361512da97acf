package dev.fairway.cli.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A minimal HTTPS client of the Kubernetes API for load generation, configured from a kubeconfig. */
final class ApiClient {

    final HttpClient http;
    final String server;
    private final String token;

    ApiClient(Path kubeconfig) throws IOException, GeneralSecurityException {
        String text = Files.readString(kubeconfig);
        this.server = field(text, "server");
        this.token = field(text, "token");
        byte[] ca = Base64.getDecoder().decode(field(text, "certificate-authority-data"));
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(ca)));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        this.http = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String field(String kubeconfig, String name) {
        for (String line : kubeconfig.split("\n")) {
            String t = line.trim();
            if (t.startsWith(name + ":")) {
                return t.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalArgumentException("kubeconfig has no " + name);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    int send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = http.send(request(path).header("Content-Type", "application/json").method(method, body).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode();
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<Stream<String>> stream(String path) throws IOException, InterruptedException {
        return http.send(request(path).timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofLines());
    }
}
