package dev.fairway.server.ui;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The UI's one local user, {@code admin}, as Argo CD has it: the password is generated at first
 * start and only its bcrypt hash is kept, in the Secret {@code NAMESPACE/fairway-admin}, together
 * with the key that signs session cookies. Changing the password (a reset) changes its timestamp,
 * which ends every session signed before.
 */
public final class AdminAccount implements AutoCloseable {

    public static final String SECRET = "fairway-admin";
    public static final String USER = "admin";
    static final String HASH = "passwordHash";
    static final String CHANGED_AT = "passwordChangedAt";
    static final String SESSION_KEY = "sessionKey";

    /** What the Secret holds; {@code changedAt} is part of every session cookie. */
    public record Credentials(String passwordHash, Instant changedAt, byte[] sessionKey) {}

    private final SharedIndexInformer<Secret> informer;

    /** Watches the account's Secret, so that a reset takes effect without a restart. */
    public AdminAccount(KubernetesClient client, String namespace) {
        this.informer = client.secrets().inNamespace(namespace).withName(SECRET).runnableInformer(0);
    }

    public void start() throws Exception {
        informer.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** The current credentials, or empty when the Secret is missing or damaged (nobody can log in). */
    public Optional<Credentials> credentials() {
        return informer.getStore().list().stream().findFirst().flatMap(AdminAccount::parse);
    }

    /** Checks a login; long or odd input is simply wrong, never an error. */
    public boolean verify(String user, String password) {
        if (!USER.equals(user) || password == null || password.isEmpty()
                || password.getBytes(StandardCharsets.UTF_8).length > 72) {
            return false;
        }
        return credentials().map(c -> encoder().matches(password, c.passwordHash())).orElse(false);
    }

    /**
     * Creates the account with a random password unless it exists.
     *
     * @return the new password, only when it was created now (print it once; it is not kept)
     */
    public static Optional<String> ensure(KubernetesClient client, String namespace) {
        Secret existing = client.secrets().inNamespace(namespace).withName(SECRET).get();
        if (existing != null && parse(existing).isPresent()) {
            return Optional.empty();
        }
        ensureNamespace(client, namespace);
        String password = newPassword();
        Secret secret = secret(namespace, password, randomBytes(32));
        try {
            if (existing == null) {
                client.secrets().inNamespace(namespace).resource(secret).create();
            } else {
                client.secrets().inNamespace(namespace).resource(secret).update();
            }
            return Optional.of(password);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return Optional.empty(); // another replica created it first: its password stands
            }
            throw e;
        }
    }

    /** Sets a new random password, ends every session, and returns the password (print it once). */
    public static String resetPassword(KubernetesClient client, String namespace) {
        Secret existing = client.secrets().inNamespace(namespace).withName(SECRET).get();
        String password = newPassword();
        byte[] key = existing == null ? randomBytes(32) : parse(existing).map(Credentials::sessionKey).orElse(randomBytes(32));
        if (existing == null) {
            ensureNamespace(client, namespace);
            client.secrets().inNamespace(namespace).resource(secret(namespace, password, key)).create();
        } else {
            client.secrets().inNamespace(namespace).resource(secret(namespace, password, key)).update();
        }
        return password;
    }

    private static Secret secret(String namespace, String password, byte[] sessionKey) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new SecretBuilder().withNewMetadata().withName(SECRET).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/part-of", "fairway").endMetadata()
                .withType("Opaque")
                .addToData(HASH, b64.encodeToString(encoder().encode(password).getBytes(StandardCharsets.UTF_8)))
                .addToData(CHANGED_AT, b64.encodeToString(Instant.now().toString().getBytes(StandardCharsets.UTF_8)))
                .addToData(SESSION_KEY, b64.encodeToString(sessionKey))
                .build();
    }

    static Optional<Credentials> parse(Secret secret) {
        Map<String, String> data = secret.getData();
        if (data == null || !data.containsKey(HASH) || !data.containsKey(CHANGED_AT) || !data.containsKey(SESSION_KEY)) {
            return Optional.empty();
        }
        try {
            Base64.Decoder d = Base64.getDecoder();
            return Optional.of(new Credentials(new String(d.decode(data.get(HASH)), StandardCharsets.UTF_8),
                    Instant.parse(new String(d.decode(data.get(CHANGED_AT)), StandardCharsets.UTF_8)),
                    d.decode(data.get(SESSION_KEY))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Cost 10, bcrypt's usual default: about a tenth of a second per check here, slow for guessing. */
    private static BCryptPasswordEncoder encoder() {
        return new BCryptPasswordEncoder(10);
    }

    /** 18 random bytes: 24 characters of base64url, easy to paste, 144 bits. */
    static String newPassword() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
    }

    private static byte[] randomBytes(int n) {
        byte[] raw = new byte[n];
        new SecureRandom().nextBytes(raw);
        return raw;
    }

    private static void ensureNamespace(KubernetesClient client, String namespace) {
        if (client.namespaces().withName(namespace).get() == null) {
            try {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
