package dev.fairway.sandbox.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.store.Change;
import dev.fairway.sandbox.store.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The token controller for Secrets of type {@code kubernetes.io/service-account-token} that ask
 * for one (annotation {@code kubernetes.io/service-account.name}): fills {@code token},
 * {@code ca.crt} and {@code namespace} and records the account's uid, as kube-controller-manager
 * does. The token is an opaque random string: the sandbox does not sign JWTs.
 */
public final class ServiceAccountTokens implements Consumer<Change>, AutoCloseable {

    static final String TYPE = "kubernetes.io/service-account-token";
    static final String NAME_ANNOTATION = "kubernetes.io/service-account.name";
    static final String UID_ANNOTATION = "kubernetes.io/service-account.uid";

    private final ObjectService service;
    private final ResourceType secrets;
    private final ResourceType serviceAccounts;
    private final String caCertificate;
    private final ReconcileQueue<ObjectKey> queue;
    private final SecureRandom random = new SecureRandom();

    public ServiceAccountTokens(ObjectService service, String caCertificate, ScheduledExecutorService delays) {
        this.service = service;
        this.secrets = service.registry().byResource("", "v1", "secrets").orElseThrow();
        this.serviceAccounts = service.registry().byResource("", "v1", "serviceaccounts").orElseThrow();
        this.caCertificate = caCertificate;
        this.queue = new ReconcileQueue<>("token-controller", delays, this::reconcile);
    }

    @Override
    public void accept(Change c) {
        if (c.type() != Change.Type.DELETED && c.key().group().isEmpty() && c.key().resource().equals("secrets")) {
            // cheap check on the bytes: only token Secrets are worth parsing
            if (new String(c.json(), StandardCharsets.UTF_8).contains(TYPE)) {
                queue.add(c.key());
            }
        }
    }

    private Duration reconcile(ObjectKey key) throws ApiException {
        Optional<ObjectNode> found = service.find(secrets, key.namespace(), key.name());
        if (found.isEmpty() || !TYPE.equals(found.get().path("type").asText())) {
            return null;
        }
        ObjectNode secret = found.get();
        String account = secret.path("metadata").path("annotations").path(NAME_ANNOTATION).asText("");
        JsonNode data = secret.path("data");
        if (account.isEmpty() || (data.hasNonNull("token") && data.hasNonNull("ca.crt") && data.hasNonNull("namespace"))) {
            return null;
        }
        Optional<ObjectNode> sa = service.find(serviceAccounts, key.namespace(), account);
        if (sa.isEmpty()) {
            return Duration.ofSeconds(1);
        }
        ObjectNode updated = secret.deepCopy();
        ((ObjectNode) updated.path("metadata")).with("annotations").put(UID_ANNOTATION,
                sa.get().path("metadata").path("uid").asText());
        ObjectNode d = updated.with("data");
        byte[] raw = new byte[48];
        random.nextBytes(raw);
        d.put("token", b64("fairway-sandbox." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw)));
        d.put("ca.crt", b64(caCertificate));
        d.put("namespace", b64(key.namespace()));
        service.update(secrets, key.namespace(), key.name(), "", updated, ControllerSupport.as("kube-controller-manager"));
        return null;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        queue.close();
    }
}
