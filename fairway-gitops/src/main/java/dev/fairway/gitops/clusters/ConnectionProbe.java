package dev.fairway.gitops.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a cluster for {@code /version} with the cluster's own client, within a time limit, and says
 * whether that worked: the check behind a cluster's connection status. It never throws.
 */
public final class ConnectionProbe {

    private final Clock clock;
    private final Duration timeout;

    public ConnectionProbe(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public ConnectionState probe(RegisteredCluster cluster) {
        KubernetesClient client;
        try {
            client = cluster.client().get();
        } catch (RuntimeException e) {
            return failed(cluster, "no client: " + e.getMessage());
        }
        String base = client.getMasterUrl().toString().replaceAll("/+$", "");
        try {
            // /version is public in Kubernetes; /api needs an authenticated user, so it tests the credentials too.
            HttpResponse<String> version = get(client, base + "/version");
            if (version.code() < 300) {
                HttpResponse<String> api = get(client, base + "/api");
                if (api.code() == 401 || api.code() == 403) {
                    return failed(cluster, "the API server refused the cluster Secret's credentials (HTTP " + api.code()
                            + "): update its config.bearerToken or client certificate");
                }
            }
            if (version.code() == 401 || version.code() == 403) {
                return failed(cluster, "the API server refused the cluster Secret's credentials (HTTP " + version.code()
                        + "): update its config.bearerToken or client certificate");
            }
            if (version.code() >= 300) {
                return failed(cluster, "GET /version answered HTTP " + version.code());
            }
            JsonNode v = Json.MAPPER.readTree(version.body() == null ? "{}" : version.body());
            return new ConnectionState(ConnectionState.Status.Successful, "", v.path("gitVersion").asText(""), clock.instant());
        } catch (TimeoutException e) {
            return failed(cluster, "no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(cluster, cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(cluster, "interrupted");
        } catch (Exception e) {
            return failed(cluster, e.toString());
        }
    }

    private HttpResponse<String> get(KubernetesClient client, String url) throws Exception {
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        return client.getHttpClient().sendAsync(request, String.class).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ConnectionState failed(RegisteredCluster cluster, String why) {
        return new ConnectionState(ConnectionState.Status.Failed, "Unable to connect to cluster " + cluster.name() + " ("
                + cluster.server() + "): " + why, "", clock.instant());
    }
}
