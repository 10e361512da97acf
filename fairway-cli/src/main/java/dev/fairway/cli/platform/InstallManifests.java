package dev.fairway.cli.platform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.kube.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects that run the engine inside a cluster (cluster mode): the namespaces, Argo CD's
 * CRDs, a service account with the rights Argo CD's application controller has (everything: it
 * applies whatever git holds), and a Deployment and Service running {@code fairway server
 * --in-cluster}. {@code fairway install --print} prints them; {@code fairway setup --kubeconfig}
 * applies them.
 */
public final class InstallManifests {

    /** The image the Maven build makes with Jib ({@code ./mvnw -pl fairway-cli jib:buildTar}). */
    public static final String DEFAULT_IMAGE = "ghcr.io/fairway-dev/fairway:0.1.0";
    public static final String NAME = "fairway";
    public static final int PORT = 8080;

    private InstallManifests() {}

    public static List<ObjectNode> objects(String namespace, String image) {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(namespace(namespace));
        objects.add(namespace(TerraformOutputs.NAMESPACE));
        objects.addAll(ArgoCdResources.customResourceDefinitions());

        ObjectNode sa = object("v1", "ServiceAccount", NAME, namespace);
        objects.add(sa);

        ObjectNode role = object("rbac.authorization.k8s.io/v1", "ClusterRole", NAME, null);
        ArrayNode rules = role.putArray("rules");
        ObjectNode all = rules.addObject();
        all.putArray("apiGroups").add("*");
        all.putArray("resources").add("*");
        all.putArray("verbs").add("*");
        ObjectNode urls = rules.addObject();
        urls.putArray("nonResourceURLs").add("*");
        urls.putArray("verbs").add("*");
        objects.add(role);

        ObjectNode binding = object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", NAME, null);
        binding.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole").put("name", NAME);
        binding.putArray("subjects").addObject().put("kind", "ServiceAccount").put("name", NAME).put("namespace", namespace);
        objects.add(binding);

        objects.add(deployment(namespace, image));

        ObjectNode service = object("v1", "Service", NAME, namespace);
        ObjectNode spec = service.putObject("spec");
        spec.putObject("selector").put("app.kubernetes.io/name", NAME);
        spec.putArray("ports").addObject().put("name", "http").put("port", PORT).put("targetPort", "http");
        objects.add(service);
        return objects;
    }

    /** All objects as one multi-document YAML stream, for {@code kubectl apply -f -}. */
    public static String yaml(String namespace, String image) {
        StringBuilder b = new StringBuilder();
        b.append("# Fairway engine, installed into the cluster (fairway install --print)\n");
        for (ObjectNode o : objects(namespace, image)) {
            b.append("---\n").append(Json.yaml(o));
        }
        return b.toString();
    }

    private static ObjectNode deployment(String namespace, String image) {
        ObjectNode d = object("apps/v1", "Deployment", NAME, namespace);
        ObjectNode spec = d.putObject("spec");
        spec.put("replicas", 1);
        // one engine at a time owns the applications: never two during a rollout
        spec.putObject("strategy").put("type", "Recreate");
        spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", NAME);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app.kubernetes.io/name", NAME);
        ObjectNode pod = template.putObject("spec");
        pod.put("serviceAccountName", NAME);
        pod.putObject("securityContext").put("runAsNonRoot", true).put("runAsUser", 1000).put("fsGroup", 1000)
                .putObject("seccompProfile").put("type", "RuntimeDefault");
        ObjectNode c = pod.putArray("containers").addObject();
        c.put("name", "server").put("image", image);
        c.putArray("args").add("server").add("--in-cluster").add("--address").add("0.0.0.0").add("--port")
                .add(Integer.toString(PORT)).add("--namespace").add(namespace);
        c.putArray("env").addObject().put("name", "FAIRWAY_HOME").put("value", "/var/lib/fairway");
        c.putArray("ports").addObject().put("name", "http").put("containerPort", PORT);
        ObjectNode probe = c.putObject("readinessProbe");
        probe.putObject("httpGet").put("path", "/api/healthz").put("port", "http");
        probe.put("periodSeconds", 10);
        ObjectNode res = c.putObject("resources");
        res.putObject("requests").put("cpu", "250m").put("memory", "512Mi");
        res.putObject("limits").put("memory", "2Gi");
        ObjectNode sc = c.putObject("securityContext");
        sc.put("allowPrivilegeEscalation", false).put("readOnlyRootFilesystem", true);
        sc.putObject("capabilities").putArray("drop").add("ALL");
        // the engine keeps only caches (repository clones, rendered manifests): an emptyDir is enough
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", "data").put("mountPath", "/var/lib/fairway");
        mounts.addObject().put("name", "tmp").put("mountPath", "/tmp");
        ArrayNode volumes = pod.putArray("volumes");
        volumes.addObject().put("name", "data").putObject("emptyDir");
        volumes.addObject().put("name", "tmp").putObject("emptyDir");
        return d;
    }

    private static ObjectNode namespace(String name) {
        return object("v1", "Namespace", name, null);
    }

    private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode o = Json.object();
        o.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        meta.putObject("labels").put("app.kubernetes.io/part-of", "fairway");
        return o;
    }
}
