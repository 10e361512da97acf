package dev.fairway.sandbox.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinValidatorTest {

    private static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
            + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private final BuiltinValidator validator = new BuiltinValidator();

    static ObjectNode obj(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> messages(String apiVersion, String kind, String json) {
        return messages(apiVersion, kind, json, null);
    }

    private List<String> messages(String apiVersion, String kind, String json, String oldJson) {
        return validator.validate(GroupVersionKind.of(apiVersion, kind), obj(json), oldJson == null ? null : obj(oldJson))
                .stream().map(FieldError::message).toList();
    }

    private static final String POD_SPEC = """
            {"restartPolicy": "Always", "containers": [{"name": "app", "image": "nginx", "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}""";

    private static String deployment(String name, String selector, String labels) {
        return """
                {"metadata": {"name": "%s", "namespace": "default"}, "spec": {"replicas": 1, "selector": %s,
                  "template": {"metadata": {"labels": %s}, "spec": %s}}}""".formatted(name, selector, labels, POD_SPEC);
    }

    @Test
    void validObjectsHaveNoErrors() {
        assertThat(messages("v1", "Pod", "{\"metadata\": {\"name\": \"p\", \"namespace\": \"default\"}, \"spec\": " + POD_SPEC + "}")).isEmpty();
        assertThat(messages("apps/v1", "Deployment", deployment("web", "{\"matchLabels\": {\"app\": \"web\"}}", "{\"app\": \"web\", \"x\": \"y\"}")))
                .isEmpty();
    }

    @Test
    void nameIsRequiredUnlessGenerated() {
        assertThat(messages("v1", "ConfigMap", "{\"metadata\": {\"namespace\": \"default\"}}"))
                .containsExactly("metadata.name: Required value: name or generateName is required");
        assertThat(messages("v1", "ConfigMap", "{\"metadata\": {\"generateName\": \"cfg-\", \"namespace\": \"default\"}}")).isEmpty();
        assertThat(messages("v1", "ConfigMap", "{\"metadata\": {\"generateName\": \"Cfg-\", \"namespace\": \"default\"}}"))
                .singleElement().asString().startsWith("metadata.generateName: Invalid value: \"Cfg-\": a lowercase RFC 1123 subdomain");
    }

    @Test
    void namesFollowTheirKindsFormat() {
        assertThat(messages("v1", "Namespace", "{\"metadata\": {\"name\": \"my.ns\"}}"))
                .containsExactly("metadata.name: Invalid value: \"my.ns\": " + LABEL_MSG);
        assertThat(messages("v1", "ConfigMap", "{\"metadata\": {\"name\": \"my.cfg\", \"namespace\": \"d\"}}")).isEmpty();
        assertThat(messages("v1", "Service", "{\"metadata\": {\"name\": \"1web\", \"namespace\": \"d\"}, \"spec\": {\"type\": \"ClusterIP\", "
                + "\"clusterIP\": \"None\"}}")).singleElement().asString().startsWith("metadata.name: Invalid value: \"1web\": a DNS-1035 label");
        assertThat(messages("rbac.authorization.k8s.io/v1", "ClusterRole", "{\"metadata\": {\"name\": \"system:Viewer\"}}")).isEmpty();
        assertThat(messages("v1", "Pod", "{\"metadata\": {\"name\": \"Web_1\", \"namespace\": \"d\"}, \"spec\": " + POD_SPEC + "}"))
                .singleElement().asString().startsWith("metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain");
    }

    @Test
    void namespaceRequiredForNamespacedKindsAndForbiddenOtherwise() {
        assertThat(messages("v1", "ConfigMap", "{\"metadata\": {\"name\": \"c\"}}")).containsExactly("metadata.namespace: Required value");
        assertThat(messages("v1", "Namespace", "{\"metadata\": {\"name\": \"n\", \"namespace\": \"x\"}}"))
                .containsExactly("metadata.namespace: Forbidden: not allowed on this type");
        assertThat(messages("v1", "ConfigMap", "{\"metadata\": {\"name\": \"c\", \"namespace\": \"Bad_NS\"}}"))
                .containsExactly("metadata.namespace: Invalid value: \"Bad_NS\": " + LABEL_MSG);
        assertThat(validator.validate(GroupVersionKind.of("example.com/v1", "Shop"), obj("{\"metadata\": {\"name\": \"s\"}}"), null)).isEmpty();
        assertThat(validator.validate(GroupVersionKind.of("example.com/v1", "Shop"), obj("{\"metadata\": {\"name\": \"s\"}}"), null, true))
                .extracting(FieldError::field).containsExactly("metadata.namespace");
    }

    @Test
    void labelsAndAnnotations() {
        assertThat(messages("v1", "ConfigMap", """
                {"metadata": {"name": "c", "namespace": "d", "labels": {"bad key": "ok", "good": "bad value"}}}"""))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).startsWith("metadata.labels: Invalid value: \"bad key\": name part must consist of"))
                .anySatisfy(m -> assertThat(m).startsWith("metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string"));
        ObjectNode big = obj("{\"metadata\": {\"name\": \"c\", \"namespace\": \"d\", \"annotations\": {}}}");
        ((ObjectNode) big.get("metadata").get("annotations")).put("big", "x".repeat(MetadataRules.TOTAL_ANNOTATION_SIZE_LIMIT));
        assertThat(validator.validate(GroupVersionKind.of("v1", "ConfigMap"), big, null)).extracting(FieldError::message)
                .containsExactly("metadata.annotations: Too long: must have at most 262144 bytes");
        assertThat(messages("v1", "ConfigMap", "{\"metadata\": {\"name\": \"c\", \"namespace\": \"d\", \"annotations\": {\"a/b/c\": \"x\"}}}"))
                .singleElement().asString().startsWith("metadata.annotations: Invalid value: \"a/b/c\": a qualified name");
    }

    @Test
    void podContainersMustBeNamedUniquelyWithImagesAndValidPorts() {
        assertThat(messages("v1", "Pod", "{\"metadata\": {\"name\": \"p\", \"namespace\": \"d\"}, \"spec\": {\"restartPolicy\": \"Always\"}}"))
                .containsExactly("spec.containers: Required value");
        assertThat(messages("v1", "Pod", """
                {"metadata": {"name": "p", "namespace": "d"}, "spec": {"restartPolicy": "Sometimes",
                  "initContainers": [{"name": "app", "image": "busybox"}],
                  "containers": [{"name": "app", "image": "nginx"}, {"image": "x"}, {"name": "Side_Car"},
                                 {"name": "ports", "image": "x", "ports": [{"containerPort": 70000, "protocol": "TCP"}, {"protocol": "HTTP", "containerPort": 1},
                                   {"containerPort": 2, "protocol": "TCP", "name": "8080"}]}]}}"""))
                .containsExactly(
                        "spec.containers[0].name: Duplicate value: \"app\"",
                        "spec.containers[1].name: Required value",
                        "spec.containers[2].name: Invalid value: \"Side_Car\": " + LABEL_MSG,
                        "spec.containers[2].image: Required value",
                        "spec.containers[3].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                        "spec.containers[3].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                        "spec.containers[3].ports[2].name: Invalid value: \"8080\": must contain at least one letter (a-z)",
                        "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    }

    @Test
    void deploymentSelectorMustMatchTemplateLabels() {
        assertThat(messages("apps/v1", "Deployment", deployment("web", "{\"matchLabels\": {\"app\": \"web\"}}", "{\"app\": \"api\"}")))
                .containsExactly("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`");
        assertThat(messages("apps/v1", "Deployment", deployment("web", "null", "{\"app\": \"web\"}")))
                .containsExactly("spec.selector: Required value");
        assertThat(messages("apps/v1", "ReplicaSet", deployment("web", "{}", "{\"app\": \"web\"}").replace("\"namespace\"", "\"namespace\"")))
                .containsExactly("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment");
        assertThat(messages("apps/v1", "Deployment", deployment("web",
                "{\"matchExpressions\": [{\"key\": \"tier\", \"operator\": \"In\", \"values\": [\"fe\", \"be\"]}]}", "{\"tier\": \"fe\"}"))).isEmpty();
    }

    @Test
    void deploymentReplicasAndTemplateRestartPolicy() {
        String d = deployment("web", "{\"matchLabels\": {\"app\": \"web\"}}", "{\"app\": \"web\"}")
                .replace("\"replicas\": 1", "\"replicas\": -1").replace("\"restartPolicy\": \"Always\"", "\"restartPolicy\": \"Never\"");
        assertThat(messages("apps/v1", "Deployment", d)).containsExactly(
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    }

    @Test
    void selectorIsImmutable() {
        String old = deployment("web", "{\"matchLabels\": {\"app\": \"web\"}}", "{\"app\": \"web\"}");
        String changed = deployment("web", "{\"matchLabels\": {\"app\": \"web2\"}}", "{\"app\": \"web2\"}");
        assertThat(messages("apps/v1", "Deployment", changed, old)).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
        assertThat(messages("apps/v1", "Deployment", old.replace("\"replicas\": 1", "\"replicas\": 3"), old)).isEmpty();
        assertThat(messages("apps/v1", "DaemonSet", changed, old)).anySatisfy(m -> assertThat(m).startsWith("spec.selector: Invalid value").endsWith("field is immutable"));
    }

    @Test
    void daemonSetWithoutSelectorMatchesNothing() {
        assertThat(messages("apps/v1", "DaemonSet", deployment("agent", "null", "{\"app\": \"a\"}")))
                .containsExactly("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"a\"}: `selector` does not match template `labels`");
    }

    @Test
    void statefulSetSpecIsMostlyImmutable() {
        String old = deployment("db", "{\"matchLabels\": {\"app\": \"db\"}}", "{\"app\": \"db\"}").replace("\"replicas\": 1", "\"serviceName\": \"db\", \"replicas\": 1");
        assertThat(messages("apps/v1", "StatefulSet", old)).isEmpty();
        assertThat(messages("apps/v1", "StatefulSet", old.replace("\"replicas\": 1", "\"replicas\": 5"), old)).isEmpty();
        assertThat(messages("apps/v1", "StatefulSet", old.replace("\"serviceName\": \"db\"", "\"serviceName\": \"db2\""), old))
                .containsExactly("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
                        + "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
        assertThat(messages("apps/v1", "StatefulSet", old.replace("\"replicas\": 1", "\"replicas\": 1, \"podManagementPolicy\": \"Fast\"")))
                .containsExactly("spec.podManagementPolicy: Invalid value: \"Fast\": must be 'OrderedReady' or 'Parallel'");
    }

    @Test
    void jobTemplateMustNotRestartAlways() {
        String job = """
                {"metadata": {"name": "pi", "namespace": "d"}, "spec": {"selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "u"}},
                  "template": {"metadata": {"labels": {"batch.kubernetes.io/controller-uid": "u"}}, "spec": %s}}}""".formatted(POD_SPEC);
        assertThat(messages("batch/v1", "Job", job))
                .containsExactly("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
        String fixed = job.replace("\"Always\"", "\"Never\"");
        assertThat(messages("batch/v1", "Job", fixed)).isEmpty();
        assertThat(messages("batch/v1", "Job", fixed.replace("\"image\": \"nginx\"", "\"image\": \"httpd\""), fixed))
                .containsExactly("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable");
        assertThat(messages("batch/v1", "Job", fixed.replace("\"selector\": {\"matchLabels\": {\"batch.kubernetes.io/controller-uid\": \"u\"}},", "")))
                .containsExactly("spec.selector: Required value");
    }

    @Test
    void cronJobScheduleAndNameLength() {
        String cj = """
                {"metadata": {"name": "%s", "namespace": "d"}, "spec": {"schedule": "%s",
                  "jobTemplate": {"spec": {"template": {"spec": %s}}}}}""";
        String spec = POD_SPEC.replace("Always", "OnFailure");
        assertThat(messages("batch/v1", "CronJob", cj.formatted("nightly", "0 3 * * *", spec))).isEmpty();
        assertThat(messages("batch/v1", "CronJob", cj.formatted("n".repeat(53), "", spec))).containsExactly(
                "metadata.name: Invalid value: \"" + "n".repeat(53) + "\": must be no more than 52 characters",
                "spec.schedule: Required value");
    }

    @Test
    void servicePortsAndType() {
        String svc = "{\"metadata\": {\"name\": \"web\", \"namespace\": \"d\"}, \"spec\": %s}";
        assertThat(messages("v1", "Service", svc.formatted("{\"type\": \"ClusterIP\"}"))).containsExactly("spec.ports: Required value");
        assertThat(messages("v1", "Service", svc.formatted("{\"type\": \"ClusterIP\", \"clusterIP\": \"None\"}"))).isEmpty();
        assertThat(messages("v1", "Service", svc.formatted("{\"type\": \"ExternalName\", \"externalName\": \"db.example.com\"}"))).isEmpty();
        assertThat(messages("v1", "Service", svc.formatted("{\"type\": \"Public\", \"ports\": [{\"port\": 80, \"protocol\": \"TCP\"}]}")))
                .containsExactly("spec.type: Unsupported value: \"Public\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
        assertThat(messages("v1", "Service", svc.formatted("""
                {"type": "ClusterIP", "ports": [{"port": 80, "protocol": "TCP", "targetPort": 8080, "nodePort": 30080},
                  {"name": "http", "port": 0, "protocol": "TCP", "targetPort": "web-http"}, {"name": "http", "port": 443, "protocol": "TCP"}]}""")))
                .containsExactly(
                        "spec.ports[0].name: Required value",
                        "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
                        "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                        "spec.ports[2].name: Duplicate value: \"http\"");
    }

    @Test
    void clusterIpMayNotChangeOnceSet() {
        String svc = "{\"metadata\": {\"name\": \"web\", \"namespace\": \"d\"}, \"spec\": {\"type\": \"ClusterIP\", \"clusterIP\": \"%s\", "
                + "\"clusterIPs\": [\"%s\"], \"ports\": [{\"port\": 80, \"protocol\": \"TCP\"}]}}";
        String old = svc.formatted("10.96.0.10", "10.96.0.10");
        assertThat(messages("v1", "Service", old, old)).isEmpty();
        assertThat(messages("v1", "Service", svc.formatted("10.96.0.99", "10.96.0.99"), old))
                .containsExactly("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.99\"}: may not change once set");
    }

    @Test
    void configMapAndSecretKeys() {
        assertThat(messages("v1", "ConfigMap", """
                {"metadata": {"name": "c", "namespace": "d"}, "data": {"a b": "1", "ok.key": "2"}, "binaryData": {"ok.key": "AA=="}}"""))
                .containsExactly(
                        "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
                                + "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
                        "binaryData[ok.key]: Invalid value: \"ok.key\": duplicate of key present in data");
        assertThat(messages("v1", "Secret", """
                {"metadata": {"name": "s", "namespace": "d"}, "type": "kubernetes.io/tls", "data": {"tls.crt": "AA==", "$bad": "AA=="}}"""))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).startsWith("data[$bad]: Invalid value: \"$bad\": a valid config key"))
                .contains("data[tls.key]: Required value");
        ObjectNode huge = obj("{\"metadata\": {\"name\": \"c\", \"namespace\": \"d\"}, \"data\": {}}");
        ((ObjectNode) huge.get("data")).put("k", "x".repeat(ConfigDataRules.MAX_SIZE + 1));
        assertThat(validator.validate(GroupVersionKind.of("v1", "ConfigMap"), huge, null)).extracting(FieldError::causeMessage)
                .containsExactly("Too long: must have at most 1048576 bytes");
    }
}
