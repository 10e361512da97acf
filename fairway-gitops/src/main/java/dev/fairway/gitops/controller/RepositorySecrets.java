package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.repo.RepositoryCredentials;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Repository credentials from Argo CD's Secrets ({@code argocd.argoproj.io/secret-type:
 * repository} and {@code repo-creds}) in the engine's namespace, kept current by an informer.
 */
public final class RepositorySecrets implements Supplier<RepositoryCredentials>, AutoCloseable {

    static final String SECRET_TYPE = "argocd.argoproj.io/secret-type";

    private final SharedIndexInformer<Secret> informer;

    public RepositorySecrets(KubernetesClient client, String namespace) {
        this.informer = client.secrets().inNamespace(namespace).withLabel(SECRET_TYPE).inform();
    }

    @Override
    public RepositoryCredentials get() {
        List<ObjectNode> secrets = new ArrayList<>();
        for (Secret s : informer.getStore().list()) {
            String type = s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(SECRET_TYPE);
            if ("repository".equals(type) || "repo-creds".equals(type)) {
                secrets.add(Json.MAPPER.valueToTree(s));
            }
        }
        return RepositoryCredentials.fromSecrets(secrets);
    }

    @Override
    public void close() {
        informer.close();
    }
}
