package dev.fairway.server.auth;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * The server key as an {@link Hs256Jwt}, read from its Secret once and then kept: verifying does
 * not create the Secret (without it no token was ever issued), issuing does.
 */
public final class SigningKey {

    private final KubernetesClient client;
    private final String namespace;
    private volatile Hs256Jwt jwt;

    public SigningKey(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The key for checking tokens, if one exists. */
    public Optional<Hs256Jwt> forVerifying() {
        Hs256Jwt current = jwt;
        if (current == null) {
            current = ServerKey.load(client, namespace).map(Hs256Jwt::new).orElse(null);
            jwt = current;
        }
        return Optional.ofNullable(current);
    }

    /** The key for signing a new token, created when this is the first token ever. */
    public Hs256Jwt forSigning() {
        Hs256Jwt current = jwt;
        if (current == null) {
            current = new Hs256Jwt(ServerKey.loadOrCreate(client, namespace));
            jwt = current;
        }
        return current;
    }
}
