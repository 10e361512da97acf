package dev.fairway.server;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API's bearer token, generated at first start and kept in a Secret in the engine's namespace
 * so that every replica of the server and every restart share it.
 */
public final class ApiTokens {

    public static final String SECRET = "fairway-api-token";

    /** The token and whether it was created just now (the CLI prints a new token once). */
    public record Token(String value, boolean created) {}

    private ApiTokens() {}

    public static Token loadOrCreate(KubernetesClient client, String namespace) {
        ensureNamespace(client, namespace);
        Secret existing = client.secrets().inNamespace(namespace).withName(SECRET).get();
        if (existing != null && existing.getData() != null && existing.getData().containsKey("token")) {
            return new Token(new String(Base64.getDecoder().decode(existing.getData().get("token")), StandardCharsets.UTF_8), false);
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Secret secret = new SecretBuilder().withNewMetadata().withName(SECRET).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/part-of", "fairway").endMetadata()
                .withType("Opaque")
                .addToData("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))).build();
        try {
            client.secrets().inNamespace(namespace).resource(secret).create();
            return new Token(token, true);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return loadOrCreate(client, namespace);
            }
            throw e;
        }
    }

    private static void ensureNamespace(KubernetesClient client, String namespace) {
        if (client.namespaces().withName(namespace).get() == null) {
            try {
                client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata().withName(namespace).endMetadata().build()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }
}
