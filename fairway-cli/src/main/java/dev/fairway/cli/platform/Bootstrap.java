package dev.fairway.cli.platform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HexFormat;

/**
 * What {@code fairway setup} and {@code deploy} write into the cluster, only through the
 * Kubernetes API (so the same code bootstraps the sandbox and EKS): the repository in Argo CD's
 * Secret format and the root application (app of apps) that renders the cluster directory.
 */
public final class Bootstrap {

    /** The name of the root application: it starts every other application of the cluster. */
    public static final String ROOT = "root";
    static final String FIELD_MANAGER = "fairway-setup";
    static final String REFRESH_ANNOTATION = "argocd.argoproj.io/refresh";

    private final KubernetesClient client;
    private final String namespace;

    public Bootstrap(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Registers the repository as Argo CD does: a Secret labelled {@code secret-type: repository}. */
    public void registerRepository(String repoUrl) {
        ObjectNode secret = Json.object();
        secret.put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode meta = secret.putObject("metadata");
        meta.put("name", "repo-" + shortHash(repoUrl)).put("namespace", namespace);
        meta.putObject("labels").put("argocd.argoproj.io/secret-type", "repository");
        secret.put("type", "Opaque");
        secret.putObject("stringData").put("type", "git").put("url", repoUrl);
        apply(secret);
    }

    /** Creates or re-points the root application at the cluster directory, with automated sync, prune and self-heal. */
    public void applyRoot(ClusterSettings settings) {
        apply(rootApplication(settings, namespace));
    }

    static ObjectNode rootApplication(ClusterSettings settings, String namespace) {
        ObjectNode app = Json.object();
        app.put("apiVersion", "argoproj.io/v1alpha1").put("kind", "Application");
        ObjectNode meta = app.putObject("metadata");
        meta.put("name", ROOT).put("namespace", namespace);
        meta.putObject("labels").put("app.kubernetes.io/managed-by", "fairway-setup").put("fairway.dev/cluster", settings.name());
        ObjectNode spec = app.putObject("spec");
        spec.put("project", "default");
        spec.putObject("source").put("repoURL", settings.repoUrl()).put("targetRevision", settings.revision())
                .put("path", settings.sourcePath());
        spec.putObject("destination").put("server", "https://kubernetes.default.svc").put("namespace", namespace);
        ObjectNode policy = spec.putObject("syncPolicy");
        policy.putObject("automated").put("prune", true).put("selfHeal", true);
        ArrayNode options = policy.putArray("syncOptions");
        options.add("ServerSideApply=true");
        return app;
    }

    /**
     * Asks the engine to compare every application of the namespace with git now (Argo CD's
     * refresh annotation), so that a deploy does not wait for the next poll.
     */
    public void refreshAll() {
        var apps = client.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace(namespace);
        for (GenericKubernetesResource app : apps.list().getItems()) {
            apps.withName(app.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"annotations\":{\"" + REFRESH_ANNOTATION + "\":\"normal\"}}}");
        }
    }

    /** Makes sure a namespace exists (the root application later adopts it if git has it too). */
    public void ensureNamespace(String name) {
        ObjectNode ns = Json.object();
        ns.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", name);
        if (client.namespaces().withName(name).get() == null) {
            apply(ns);
        }
    }

    void apply(ObjectNode object) {
        GenericKubernetesResource resource = Json.MAPPER.convertValue(object, GenericKubernetesResource.class);
        client.resource(resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
