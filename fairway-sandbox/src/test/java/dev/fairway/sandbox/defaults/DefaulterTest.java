package dev.fairway.sandbox.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import org.junit.jupiter.api.Test;

class DefaulterTest {

    private final Defaulter defaulter = new Defaulter();

    static ObjectNode obj(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode apply(String apiVersion, String kind, String json) {
        ObjectNode o = obj(json);
        defaulter.apply(GroupVersionKind.of(apiVersion, kind), o);
        return o;
    }

    @Test
    void podGetsSpecContainerAndPodOnlyDefaults() {
        ObjectNode pod = apply("v1", "Pod", """
                {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "app", "image": "nginx:1.25",
                  "ports": [{"containerPort": 80}],
                  "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "100m"}},
                  "env": [{"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}},
                          {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}}],
                  "livenessProbe": {"httpGet": {"port": 80}},
                  "readinessProbe": {"grpc": {"port": 9000}, "periodSeconds": 5}}]}}""");
        JsonNode spec = pod.get("spec");
        assertThat(spec.get("restartPolicy").asText()).isEqualTo("Always");
        assertThat(spec.get("dnsPolicy").asText()).isEqualTo("ClusterFirst");
        assertThat(spec.get("schedulerName").asText()).isEqualTo("default-scheduler");
        assertThat(spec.get("terminationGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(spec.get("securityContext").isEmpty()).isTrue();
        assertThat(spec.get("enableServiceLinks").asBoolean()).isTrue();
        JsonNode c = spec.get("containers").get(0);
        assertThat(c.get("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
        assertThat(c.get("terminationMessagePath").asText()).isEqualTo("/dev/termination-log");
        assertThat(c.get("terminationMessagePolicy").asText()).isEqualTo("File");
        assertThat(c.get("ports").get(0).get("protocol").asText()).isEqualTo("TCP");
        assertThat(c.get("resources").get("requests")).isEqualTo(obj("{\"cpu\": \"100m\", \"memory\": \"128Mi\"}"));
        assertThat(c.get("env").get(0).get("valueFrom").get("fieldRef").get("apiVersion").asText()).isEqualTo("v1");
        assertThat(c.get("env").get(1).get("valueFrom").get("resourceFieldRef").get("divisor").asText()).isEqualTo("0");
        assertThat(c.get("livenessProbe")).isEqualTo(obj("""
                {"httpGet": {"port": 80, "path": "/", "scheme": "HTTP"}, "timeoutSeconds": 1, "periodSeconds": 10,
                 "successThreshold": 1, "failureThreshold": 3}"""));
        assertThat(c.get("readinessProbe").get("periodSeconds").asInt()).isEqualTo(5);
        assertThat(c.get("readinessProbe").get("grpc").get("service").asText()).isEmpty();
    }

    @Test
    void userValuesAreNeverOverwritten() {
        ObjectNode pod = apply("v1", "Pod", """
                {"spec": {"restartPolicy": "Never", "dnsPolicy": "Default", "terminationGracePeriodSeconds": 5, "enableServiceLinks": false,
                  "containers": [{"name": "a", "image": "busybox", "imagePullPolicy": "Never", "ports": [{"containerPort": 53, "protocol": "UDP"}]}]}}""");
        JsonNode spec = pod.get("spec");
        assertThat(spec.get("restartPolicy").asText()).isEqualTo("Never");
        assertThat(spec.get("dnsPolicy").asText()).isEqualTo("Default");
        assertThat(spec.get("terminationGracePeriodSeconds").asInt()).isEqualTo(5);
        assertThat(spec.get("enableServiceLinks").asBoolean()).isFalse();
        assertThat(spec.get("containers").get(0).get("imagePullPolicy").asText()).isEqualTo("Never");
        assertThat(spec.get("containers").get(0).get("ports").get(0).get("protocol").asText()).isEqualTo("UDP");
    }

    @Test
    void defaultingTwiceChangesNothing() {
        String json = """
                {"metadata": {"name": "web"}, "spec": {"selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "a", "image": "nginx"}]}}}}""";
        ObjectNode once = apply("apps/v1", "Deployment", json);
        ObjectNode twice = once.deepCopy();
        defaulter.apply(GroupVersionKind.of("apps/v1", "Deployment"), twice);
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void volumesGetModesAndAnEmptyDirWhenSourceless() {
        ObjectNode pod = apply("v1", "Pod", """
                {"spec": {"containers": [], "volumes": [{"name": "scratch"}, {"name": "s", "secret": {"secretName": "x"}},
                  {"name": "c", "configMap": {"name": "x", "defaultMode": 256}},
                  {"name": "d", "downwardAPI": {"items": [{"path": "n", "fieldRef": {"fieldPath": "metadata.name"}}]}},
                  {"name": "p", "projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}},
                  {"name": "h", "hostPath": {"path": "/data"}}]}}""");
        JsonNode v = pod.get("spec").get("volumes");
        assertThat(v.get(0).get("emptyDir").isEmpty()).isTrue();
        assertThat(v.get(1).get("secret").get("defaultMode").asInt()).isEqualTo(420);
        assertThat(v.get(2).get("configMap").get("defaultMode").asInt()).isEqualTo(256);
        assertThat(v.get(3).get("downwardAPI").get("defaultMode").asInt()).isEqualTo(420);
        assertThat(v.get(3).get("downwardAPI").get("items").get(0).get("fieldRef").get("apiVersion").asText()).isEqualTo("v1");
        assertThat(v.get(4).get("projected").get("sources").get(0).get("serviceAccountToken").get("expirationSeconds").asInt()).isEqualTo(3600);
        assertThat(v.get(5).get("hostPath").get("type").asText()).isEmpty();
    }

    @Test
    void hostNetworkCopiesContainerPortsToHostPorts() {
        ObjectNode pod = apply("v1", "Pod", """
                {"spec": {"hostNetwork": true, "containers": [{"name": "a", "image": "x", "ports": [{"containerPort": 8080}]}]}}""");
        assertThat(pod.at("/spec/containers/0/ports/0/hostPort").asInt()).isEqualTo(8080);
    }

    @Test
    void deploymentGetsStrategyHistoryDeadlineAndTemplateDefaults() {
        ObjectNode d = apply("apps/v1", "Deployment", """
                {"metadata": {"name": "web"}, "spec": {"selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "a", "image": "nginx"}]}}}}""");
        JsonNode spec = d.get("spec");
        assertThat(spec.get("replicas").asInt()).isEqualTo(1);
        assertThat(spec.get("strategy")).isEqualTo(obj("{\"type\": \"RollingUpdate\", \"rollingUpdate\": {\"maxUnavailable\": \"25%\", \"maxSurge\": \"25%\"}}"));
        assertThat(spec.get("revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(spec.get("progressDeadlineSeconds").asInt()).isEqualTo(600);
        JsonNode template = spec.get("template");
        assertThat(template.get("metadata").has("creationTimestamp")).isTrue();
        assertThat(template.get("metadata").get("creationTimestamp").isNull()).isTrue();
        assertThat(template.at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(template.at("/spec/containers/0/resources").isEmpty()).isTrue();
        assertThat(template.get("spec").has("enableServiceLinks")).as("templates do not get pod-only defaults").isFalse();
    }

    @Test
    void recreateDeploymentHasNoRollingUpdateBlock() {
        ObjectNode d = apply("apps/v1", "Deployment", "{\"spec\": {\"strategy\": {\"type\": \"Recreate\"}, \"template\": {}}}");
        assertThat(d.at("/spec/strategy")).isEqualTo(obj("{\"type\": \"Recreate\"}"));
    }

    @Test
    void statefulSetDefaultsIncludingClaimTemplates() {
        ObjectNode sts = apply("apps/v1", "StatefulSet", """
                {"metadata": {"name": "db"}, "spec": {"serviceName": "db", "template": {"spec": {"containers": []}},
                  "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"],
                    "resources": {"requests": {"storage": "1Gi"}}}}]}}""");
        JsonNode spec = sts.get("spec");
        assertThat(spec.get("replicas").asInt()).isEqualTo(1);
        assertThat(spec.get("podManagementPolicy").asText()).isEqualTo("OrderedReady");
        assertThat(spec.get("updateStrategy")).isEqualTo(obj("{\"type\": \"RollingUpdate\", \"rollingUpdate\": {\"partition\": 0}}"));
        assertThat(spec.get("revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(spec.get("persistentVolumeClaimRetentionPolicy")).isEqualTo(obj("{\"whenDeleted\": \"Retain\", \"whenScaled\": \"Retain\"}"));
        JsonNode claim = spec.get("volumeClaimTemplates").get(0);
        assertThat(claim.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(claim.get("kind").asText()).isEqualTo("PersistentVolumeClaim");
        assertThat(claim.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
        assertThat(claim.at("/status/phase").asText()).isEqualTo("Pending");
    }

    @Test
    void statefulSetWithExplicitRollingTypeKeepsItsShape() {
        ObjectNode sts = apply("apps/v1", "StatefulSet", "{\"spec\": {\"updateStrategy\": {\"type\": \"RollingUpdate\"}, \"template\": {}}}");
        assertThat(sts.at("/spec/updateStrategy")).isEqualTo(obj("{\"type\": \"RollingUpdate\"}"));
        ObjectNode onDelete = apply("apps/v1", "StatefulSet", "{\"spec\": {\"updateStrategy\": {\"type\": \"OnDelete\"}, \"template\": {}}}");
        assertThat(onDelete.at("/spec/updateStrategy")).isEqualTo(obj("{\"type\": \"OnDelete\"}"));
    }

    @Test
    void daemonSetAndReplicaSetDefaults() {
        ObjectNode ds = apply("apps/v1", "DaemonSet", "{\"spec\": {\"template\": {}}}");
        assertThat(ds.at("/spec/updateStrategy")).isEqualTo(obj("{\"type\": \"RollingUpdate\", \"rollingUpdate\": {\"maxUnavailable\": 1, \"maxSurge\": 0}}"));
        assertThat(ds.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        ObjectNode rs = apply("apps/v1", "ReplicaSet", "{\"spec\": {\"template\": {}}}");
        assertThat(rs.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(rs.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
    }

    @Test
    void jobGetsCountsAndAGeneratedSelectorFromItsUid() {
        ObjectNode job = apply("batch/v1", "Job", """
                {"metadata": {"name": "pi", "uid": "1234-uid"}, "spec": {"template": {"spec": {"restartPolicy": "Never",
                  "containers": [{"name": "pi", "image": "perl:5.34"}]}}}}""");
        JsonNode spec = job.get("spec");
        assertThat(spec.get("completions").asInt()).isEqualTo(1);
        assertThat(spec.get("parallelism").asInt()).isEqualTo(1);
        assertThat(spec.get("backoffLimit").asInt()).isEqualTo(6);
        assertThat(spec.get("completionMode").asText()).isEqualTo("NonIndexed");
        assertThat(spec.get("suspend").asBoolean()).isFalse();
        assertThat(spec.get("manualSelector").asBoolean()).isFalse();
        assertThat(spec.get("podReplacementPolicy").asText()).isEqualTo("TerminatingOrFailed");
        assertThat(spec.get("selector")).isEqualTo(obj("{\"matchLabels\": {\"batch.kubernetes.io/controller-uid\": \"1234-uid\"}}"));
        ObjectNode expectedLabels = obj("""
                {"job-name": "pi", "batch.kubernetes.io/job-name": "pi", "controller-uid": "1234-uid", "batch.kubernetes.io/controller-uid": "1234-uid"}""");
        assertThat(spec.at("/template/metadata/labels")).isEqualTo(expectedLabels);
        assertThat(job.at("/metadata/labels")).isEqualTo(expectedLabels);
        assertThat(spec.at("/template/spec/restartPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void jobKeepsParallelismOnlyAndManualSelectors() {
        ObjectNode job = apply("batch/v1", "Job", """
                {"metadata": {"name": "w", "uid": "u", "labels": {"team": "a"}}, "spec": {"parallelism": 3, "manualSelector": true,
                  "selector": {"matchLabels": {"app": "w"}}, "podFailurePolicy": {"rules": [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]},
                  "template": {"metadata": {"labels": {"app": "w"}}, "spec": {"containers": []}}}}""");
        JsonNode spec = job.get("spec");
        assertThat(spec.has("completions")).isFalse();
        assertThat(spec.get("parallelism").asInt()).isEqualTo(3);
        assertThat(spec.get("selector")).isEqualTo(obj("{\"matchLabels\": {\"app\": \"w\"}}"));
        assertThat(spec.at("/template/metadata/labels")).isEqualTo(obj("{\"app\": \"w\"}"));
        assertThat(spec.get("podReplacementPolicy").asText()).isEqualTo("Failed");
        assertThat(spec.at("/podFailurePolicy/rules/0/onPodConditions/0/status").asText()).isEqualTo("True");
        assertThat(job.at("/metadata/labels")).isEqualTo(obj("{\"team\": \"a\"}"));
    }

    @Test
    void jobWithoutUidGetsNoSelectorYet() {
        ObjectNode job = apply("batch/v1", "Job", "{\"metadata\": {\"name\": \"x\"}, \"spec\": {\"template\": {}}}");
        assertThat(job.at("/spec").has("selector")).isFalse();
    }

    @Test
    void cronJobDefaults() {
        ObjectNode cj = apply("batch/v1", "CronJob", """
                {"spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "busybox:1.36"}]}}}}}}""");
        JsonNode spec = cj.get("spec");
        assertThat(spec.get("concurrencyPolicy").asText()).isEqualTo("Allow");
        assertThat(spec.get("suspend").asBoolean()).isFalse();
        assertThat(spec.get("successfulJobsHistoryLimit").asInt()).isEqualTo(3);
        assertThat(spec.get("failedJobsHistoryLimit").asInt()).isEqualTo(1);
        assertThat(spec.at("/jobTemplate/metadata").has("creationTimestamp")).isTrue();
        assertThat(spec.at("/jobTemplate/spec").has("backoffLimit")).as("job defaults belong to Jobs, not templates").isFalse();
        assertThat(spec.at("/jobTemplate/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    }

    @Test
    void serviceDefaults() {
        ObjectNode svc = apply("v1", "Service", """
                {"spec": {"selector": {"app": "web"}, "ports": [{"port": 80}, {"port": 443, "targetPort": "https"}]}}""");
        JsonNode spec = svc.get("spec");
        assertThat(spec.get("type").asText()).isEqualTo("ClusterIP");
        assertThat(spec.get("sessionAffinity").asText()).isEqualTo("None");
        assertThat(spec.at("/ports/0")).isEqualTo(obj("{\"port\": 80, \"protocol\": \"TCP\", \"targetPort\": 80}"));
        assertThat(spec.at("/ports/1/targetPort").asText()).isEqualTo("https");
        assertThat(spec.get("internalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(spec.get("ipFamilyPolicy").asText()).isEqualTo("SingleStack");
        assertThat(spec.get("ipFamilies")).isEqualTo(Json.MAPPER.createArrayNode().add("IPv4"));
        assertThat(spec.has("externalTrafficPolicy")).isFalse();
        assertThat(spec.has("clusterIP")).as("allocation is the caller's").isFalse();
    }

    @Test
    void loadBalancerAndExternalNameServices() {
        JsonNode lb = apply("v1", "Service", "{\"spec\": {\"type\": \"LoadBalancer\", \"sessionAffinity\": \"ClientIP\", \"ports\": [{\"port\": 80}]}}").get("spec");
        assertThat(lb.get("externalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(lb.get("allocateLoadBalancerNodePorts").asBoolean()).isTrue();
        assertThat(lb.at("/sessionAffinityConfig/clientIP/timeoutSeconds").asInt()).isEqualTo(10800);
        JsonNode ext = apply("v1", "Service", "{\"spec\": {\"type\": \"ExternalName\", \"externalName\": \"db.example.com\"}}").get("spec");
        assertThat(ext.has("ipFamilies")).isFalse();
        assertThat(ext.has("internalTrafficPolicy")).isFalse();
    }

    @Test
    void namespaceSecretVolumesAndEndpoints() {
        ObjectNode ns = apply("v1", "Namespace", "{\"metadata\": {\"name\": \"dev\", \"labels\": {\"kubernetes.io/metadata.name\": \"wrong\"}}}");
        assertThat(ns.at("/metadata/labels/kubernetes.io~1metadata.name").asText()).isEqualTo("dev");
        assertThat(ns.at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Active");
        assertThat(apply("v1", "Secret", "{\"data\": {}}").get("type").asText()).isEqualTo("Opaque");
        assertThat(apply("v1", "Secret", "{\"type\": \"kubernetes.io/tls\"}").get("type").asText()).isEqualTo("kubernetes.io/tls");
        ObjectNode pvc = apply("v1", "PersistentVolumeClaim", "{\"spec\": {\"accessModes\": [\"ReadWriteOnce\"]}}");
        assertThat(pvc.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
        assertThat(pvc.at("/status/phase").asText()).isEqualTo("Pending");
        ObjectNode pv = apply("v1", "PersistentVolume", "{\"spec\": {\"hostPath\": {\"path\": \"/d\"}}}");
        assertThat(pv.at("/spec/persistentVolumeReclaimPolicy").asText()).isEqualTo("Retain");
        assertThat(pv.at("/status/phase").asText()).isEqualTo("Pending");
        ObjectNode ep = apply("v1", "Endpoints", "{\"subsets\": [{\"ports\": [{\"port\": 80}]}]}");
        assertThat(ep.at("/subsets/0/ports/0/protocol").asText()).isEqualTo("TCP");
    }

    @Test
    void limitRangeContainerDefaultsFlowFromMaxAndMin() {
        ObjectNode lr = apply("v1", "LimitRange", """
                {"spec": {"limits": [{"type": "Container", "max": {"cpu": "2"}, "min": {"memory": "64Mi"}},
                                     {"type": "Pod", "max": {"cpu": "4"}}]}}""");
        assertThat(lr.at("/spec/limits/0/default")).isEqualTo(obj("{\"cpu\": \"2\"}"));
        assertThat(lr.at("/spec/limits/0/defaultRequest")).isEqualTo(obj("{\"cpu\": \"2\", \"memory\": \"64Mi\"}"));
        assertThat(lr.at("/spec/limits/1").has("default")).isFalse();
    }

    @Test
    void hpaV2FillsMetricsAndBehavior() {
        ObjectNode hpa = apply("autoscaling/v2", "HorizontalPodAutoscaler", """
                {"spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "maxReplicas": 5,
                  "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60}}}}""");
        JsonNode spec = hpa.get("spec");
        assertThat(spec.get("minReplicas").asInt()).isEqualTo(1);
        assertThat(spec.at("/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(80);
        assertThat(spec.at("/behavior/scaleUp")).isEqualTo(obj("""
                {"stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": [
                  {"type": "Pods", "value": 4, "periodSeconds": 15}, {"type": "Percent", "value": 100, "periodSeconds": 15}]}"""));
        assertThat(spec.at("/behavior/scaleDown")).isEqualTo(obj("""
                {"stabilizationWindowSeconds": 60, "selectPolicy": "Max", "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}"""));
        ObjectNode noBehavior = apply("autoscaling/v2", "HorizontalPodAutoscaler", "{\"spec\": {\"maxReplicas\": 2}}");
        assertThat(noBehavior.get("spec").has("behavior")).isFalse();
        ObjectNode v1 = apply("autoscaling/v1", "HorizontalPodAutoscaler", "{\"spec\": {\"maxReplicas\": 2}}");
        assertThat(v1.get("spec").has("metrics")).isFalse();
        assertThat(v1.at("/spec/minReplicas").asInt()).isEqualTo(1);
    }

    @Test
    void rbacNetworkPolicyAndStorageClass() {
        ObjectNode rb = apply("rbac.authorization.k8s.io/v1", "RoleBinding", """
                {"subjects": [{"kind": "User", "name": "a"}, {"kind": "ServiceAccount", "name": "sa", "namespace": "x"}]}""");
        assertThat(rb.at("/subjects/0/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(rb.at("/subjects/1").has("apiGroup")).isFalse();
        ObjectNode np = apply("networking.k8s.io/v1", "NetworkPolicy", """
                {"spec": {"podSelector": {}, "egress": [{"ports": [{"port": 53}]}]}}""");
        assertThat(np.at("/spec/policyTypes")).isEqualTo(Json.MAPPER.createArrayNode().add("Ingress").add("Egress"));
        assertThat(np.at("/spec/egress/0/ports/0/protocol").asText()).isEqualTo("TCP");
        ObjectNode sc = apply("storage.k8s.io/v1", "StorageClass", "{\"provisioner\": \"x\"}");
        assertThat(sc.get("reclaimPolicy").asText()).isEqualTo("Delete");
        assertThat(sc.get("volumeBindingMode").asText()).isEqualTo("Immediate");
    }

    @Test
    void unknownKindsAreLeftAlone() {
        ObjectNode cr = obj("{\"spec\": {\"replicas\": null}}");
        ObjectNode before = cr.deepCopy();
        defaulter.apply(GroupVersionKind.of("example.com/v1", "Shop"), cr);
        defaulter.apply(GroupVersionKind.of("v1", "ConfigMap"), cr);
        assertThat(cr).isEqualTo(before);
    }

    @Test
    void replicationControllerTakesSelectorAndLabelsFromTemplate() {
        ObjectNode rc = apply("v1", "ReplicationController", """
                {"spec": {"template": {"metadata": {"labels": {"app": "old"}}, "spec": {"containers": []}}}}""");
        assertThat(rc.at("/spec/selector")).isEqualTo(obj("{\"app\": \"old\"}"));
        assertThat(rc.at("/metadata/labels")).isEqualTo(obj("{\"app\": \"old\"}"));
        assertThat(rc.at("/spec/replicas").asInt()).isEqualTo(1);
    }
}
