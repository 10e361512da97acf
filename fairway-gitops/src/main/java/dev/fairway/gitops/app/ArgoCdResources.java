package dev.fairway.gitops.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.cluster.ClusterWriter;
import dev.fairway.gitops.cluster.KubeTrees;
import dev.fairway.kube.Json;
import dev.fairway.kube.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Installs what Argo CD manifests need in a cluster: the {@code applications} and
 * {@code appprojects} CRDs (server-side apply, field manager "fairway", so upgrades replace our
 * fields only) and, when missing, the {@code default} AppProject that allows everything.
 */
public final class ArgoCdResources {

    private static final String CRD_API_VERSION = "apiextensions.k8s.io/v1";

    private ArgoCdResources() {}

    /**
     * @param namespace where Applications live (Argo CD's {@code argocd}); created when missing
     * @param timeout how long to wait for the CRDs to be served
     */
    public static void install(KubernetesClient client, String namespace, Duration timeout) {
        KubeTrees trees = new KubeTrees(client.getKubernetesSerialization());
        for (String crd : new String[] {"applications.yaml", "appprojects.yaml"}) {
            ObjectNode object = read(crd);
            client.genericKubernetesResources(CRD_API_VERSION, "CustomResourceDefinition").resource(trees.resource(object))
                    .fieldManager(ClusterWriter.FIELD_MANAGER).forceConflicts().serverSideApply();
        }
        awaitEstablished(client, "applications.argoproj.io", timeout);
        awaitEstablished(client, "appprojects.argoproj.io", timeout);

        ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        ns.putObject("metadata").put("name", namespace);
        client.genericKubernetesResources("v1", "Namespace").resource(trees.resource(ns))
                .fieldManager(ClusterWriter.FIELD_MANAGER).serverSideApply();

        ObjectNode project = read("default-appproject.yaml");
        Meta.metadata(project).put("namespace", namespace);
        try {
            // created once only: a user's later edits to the default project are theirs to keep
            client.genericKubernetesResources(Application.API_VERSION, "AppProject").inNamespace(namespace)
                    .resource(trees.resource(project)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /**
     * The {@code applications} and {@code appprojects} CRDs as {@link #install} applies them, for
     * those who install the engine with their own tools ({@code fairway install --print}).
     */
    public static List<ObjectNode> customResourceDefinitions() {
        return List.of(read("applications.yaml"), read("appprojects.yaml"));
    }

    private static void awaitEstablished(KubernetesClient client, String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            GenericKubernetesResource crd = client.genericKubernetesResources(CRD_API_VERSION, "CustomResourceDefinition")
                    .withName(name).get();
            if (crd != null && isEstablished(new KubeTrees(client.getKubernetesSerialization()).tree(crd))) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("CRD " + name + " is not Established after " + timeout.toSeconds()
                        + "s; check the API server's log");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for CRD " + name, e);
            }
        }
    }

    private static boolean isEstablished(ObjectNode crd) {
        for (var condition : crd.path("status").path("conditions")) {
            if ("Established".equals(condition.path("type").asText()) && "True".equals(condition.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode read(String resource) {
        try (InputStream in = ArgoCdResources.class.getResourceAsStream("/crds/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("crds/" + resource + " is missing from the engine's jar");
            }
            return (ObjectNode) Json.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
