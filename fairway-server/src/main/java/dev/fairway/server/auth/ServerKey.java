package dev.fairway.server.auth;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that signs project tokens, kept in the Secret {@value #SECRET} of the control-plane
 * namespace (Argo CD keeps its {@code server.secretkey} in {@code argocd-secret}): created at
 * first use, shared by every replica and every restart. Deleting the Secret and restarting the
 * servers invalidates every project token at once.
 */
public final class ServerKey {

    public static final String SECRET = "fairway-server-key";
    public static final String DATA_KEY = "jwtSigningKey";

    private ServerKey() {}

    /** The key in the Secret, if there is one (when there is none, no project token was ever issued). */
    public static java.util.Optional<byte[]> load(KubernetesClient client, String namespace) {
        Secret existing = client.secrets().inNamespace(namespace).withName(SECRET).get();
        if (existing == null || existing.getData() == null || !existing.getData().containsKey(DATA_KEY)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Base64.getDecoder().decode(existing.getData().get(DATA_KEY)));
    }

    /** The key in the Secret, created with 32 random bytes when there is none yet. */
    public static byte[] loadOrCreate(KubernetesClient client, String namespace) {
        for (int attempt = 0; ; attempt++) {
            Secret existing = client.secrets().inNamespace(namespace).withName(SECRET).get();
            if (existing != null && existing.getData() != null && existing.getData().containsKey(DATA_KEY)) {
                return Base64.getDecoder().decode(existing.getData().get(DATA_KEY));
            }
            if (existing != null) {
                throw new IllegalStateException("the Secret " + namespace + "/" + SECRET + " has no key '" + DATA_KEY
                        + "': delete it and Fairway creates a new one (every project token issued so far stops working)");
            }
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            Secret secret = new SecretBuilder().withNewMetadata().withName(SECRET).withNamespace(namespace)
                    .addToLabels("app.kubernetes.io/part-of", "fairway").endMetadata()
                    .withType("Opaque").addToData(DATA_KEY, Base64.getEncoder().encodeToString(raw)).build();
            try {
                client.secrets().inNamespace(namespace).resource(secret).create();
                return raw;
            } catch (KubernetesClientException e) {
                // another replica created it first: use theirs
                if (e.getCode() != 409 || attempt > 0) {
                    throw e;
                }
            }
        }
    }
}
