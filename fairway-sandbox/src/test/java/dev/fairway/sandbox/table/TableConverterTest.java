package dev.fairway.sandbox.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableConverterTest {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private final TableConverter converter = new TableConverter();

    static ObjectNode obj(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ResourceType type(String group, String kind) {
        return new ResourceType(group, "v1", kind, kind.toLowerCase() + "s", kind.toLowerCase(), true,
                List.of(), List.of(), ResourceType.ALL_VERBS, false, false, true);
    }

    private ObjectNode table(String group, String kind, ObjectNode... objects) {
        return converter.toTable(type(group, kind), List.of(objects), null, null, NOW);
    }

    static List<String> columnNames(ObjectNode table) {
        List<String> names = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> names.add(c.get("name").asText() + (c.get("priority").asInt() > 0 ? "*" : "")));
        return names;
    }

    static List<String> cells(ObjectNode table, int row) {
        List<String> out = new ArrayList<>();
        table.get("rows").get(row).get("cells").forEach(c -> out.add(c.isNull() ? null : c.asText()));
        return out;
    }

    @Test
    void tableHasTheShapeKubectlDecodes() {
        ObjectNode t = table("", "ConfigMap", obj("""
                {"metadata": {"name": "cfg", "namespace": "default", "creationTimestamp": "2024-05-01T11:55:00Z",
                 "resourceVersion": "7", "labels": {"a": "b"}}, "data": {"x": "1", "y": "2"}, "binaryData": {"z": "AA=="}}"""));
        assertThat(t.get("kind").asText()).isEqualTo("Table");
        assertThat(t.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(t.get("metadata").isObject()).isTrue();
        JsonNode nameColumn = t.get("columnDefinitions").get(0);
        assertThat(nameColumn.get("format").asText()).isEqualTo("name");
        assertThat(nameColumn.has("description")).isTrue();
        assertThat(columnNames(t)).containsExactly("Name", "Data", "Age");
        assertThat(t.get("rows").get(0).get("cells").get(1).isNumber()).isTrue();
        assertThat(cells(t, 0)).containsExactly("cfg", "3", "5m");
        JsonNode object = t.get("rows").get(0).get("object");
        assertThat(object.get("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(object.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(object.get("metadata").get("labels").get("a").asText()).isEqualTo("b");
        assertThat(object.has("data")).isFalse();
    }

    @Test
    void includeObjectChoosesWhatEachRowCarries() {
        ObjectNode cm = obj("{\"metadata\": {\"name\": \"cfg\"}, \"data\": {\"x\": \"1\"}}");
        ResourceType t = type("", "ConfigMap");
        assertThat(converter.toTable(t, List.of(cm), null, "Object", NOW).get("rows").get(0).get("object")).isEqualTo(cm);
        assertThat(converter.toTable(t, List.of(cm), null, "None", NOW).get("rows").get(0).get("object").isNull()).isTrue();
        assertThat(converter.toTable(t, List.of(cm), null, "", NOW).get("rows").get(0).get("object").get("kind").asText())
                .isEqualTo("PartialObjectMetadata");
        assertThatThrownBy(() -> converter.toTable(t, List.of(cm), null, "Everything", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("None, Metadata or Object");
    }

    @Test
    void everyRowHasOneCellPerColumnIncludingWideOnes() {
        ObjectNode t = table("apps", "Deployment", obj("{\"metadata\": {\"name\": \"web\"}}"));
        assertThat(cells(t, 0)).hasSameSizeAs(columnNames(t));
    }

    @Test
    void deploymentShowsReadyOutOfDesiredAndWideSelector() {
        ObjectNode t = table("apps", "Deployment", obj("""
                {"metadata": {"name": "web", "creationTimestamp": "2024-04-28T12:00:00Z"},
                 "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web", "tier": "fe"}},
                          "template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.25"}, {"name": "log", "image": "busybox"}]}}},
                 "status": {"readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}}"""));
        assertThat(columnNames(t)).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers*", "Images*", "Selector*");
        assertThat(cells(t, 0)).containsExactly("web", "2/3", "3", "2", "3d", "app,log", "nginx:1.25,busybox", "app=web,tier=fe");
    }

    @Test
    void statefulSetDaemonSetAndReplicaSetColumns() {
        assertThat(cells(table("apps", "StatefulSet", obj("""
                {"metadata": {"name": "db"}, "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "pg", "image": "postgres"}]}}},
                 "status": {"readyReplicas": 1}}""")), 0)).containsExactly("db", "1/2", "<unknown>", "pg", "postgres");
        ObjectNode ds = table("apps", "DaemonSet", obj("""
                {"metadata": {"name": "agent"}, "spec": {"selector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["b", "a"]}]},
                  "template": {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"}, "containers": []}}},
                 "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 2, "updatedNumberScheduled": 3, "numberAvailable": 2}}"""));
        assertThat(columnNames(ds)).containsExactly("Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age",
                "Containers*", "Images*", "Selector*");
        assertThat(cells(ds, 0)).containsExactly("agent", "3", "3", "2", "3", "2", "kubernetes.io/os=linux", "<unknown>", "", "", "app in (a,b)");
        assertThat(cells(table("apps", "ReplicaSet", obj("{\"metadata\": {\"name\": \"rs\"}, \"spec\": {\"replicas\": 1}}")), 0))
                .containsExactly("rs", "1", "0", "0", "<unknown>", "", "", "<none>");
    }

    @Test
    void jobStatusCompletionsAndDuration() {
        ObjectNode running = obj("""
                {"metadata": {"name": "pi"}, "spec": {"completions": 3, "parallelism": 1},
                 "status": {"succeeded": 1, "startTime": "2024-05-01T11:58:00Z"}}""");
        ObjectNode complete = obj("""
                {"metadata": {"name": "done"}, "spec": {"parallelism": 4},
                 "status": {"succeeded": 1, "startTime": "2024-05-01T11:00:00Z", "completionTime": "2024-05-01T11:00:42Z",
                            "conditions": [{"type": "Complete", "status": "True"}]}}""");
        ObjectNode suspended = obj("""
                {"metadata": {"name": "later"}, "spec": {"completions": 1}, "status": {"conditions": [{"type": "Suspended", "status": "True"}]}}""");
        ObjectNode t = table("batch", "Job", running, complete, suspended);
        assertThat(columnNames(t)).containsExactly("Name", "Status", "Completions", "Duration", "Age", "Containers*", "Images*", "Selector*");
        assertThat(cells(t, 0).subList(0, 4)).containsExactly("pi", "Running", "1/3", "2m");
        assertThat(cells(t, 1).subList(0, 4)).containsExactly("done", "Complete", "1/1 of 4", "42s");
        assertThat(cells(t, 2).subList(0, 4)).containsExactly("later", "Suspended", "0/1", "");
    }

    @Test
    void cronJobShowsScheduleSuspendAndLastSchedule() {
        ObjectNode t = table("batch", "CronJob", obj("""
                {"metadata": {"name": "nightly"}, "spec": {"schedule": "0 3 * * *", "suspend": false,
                  "jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "backup"}]}}}}},
                 "status": {"active": [{"name": "x"}], "lastScheduleTime": "2024-05-01T03:00:00Z"}}"""));
        assertThat(columnNames(t)).startsWith("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age");
        assertThat(cells(t, 0)).containsExactly("nightly", "0 3 * * *", "<none>", "False", "1", "9h", "<unknown>", "c", "backup", "<none>");
    }

    @Test
    void servicePortsExternalIpsAndSelector() {
        ObjectNode t = table("", "Service",
                obj("""
                        {"metadata": {"name": "web"}, "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"],
                          "ports": [{"port": 80, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}], "selector": {"app": "web"}}}"""),
                obj("""
                        {"metadata": {"name": "np"}, "spec": {"type": "NodePort", "clusterIPs": ["10.96.0.11"],
                          "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"}]}}"""),
                obj("""
                        {"metadata": {"name": "lb"}, "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.0.12"], "ports": []},
                         "status": {"loadBalancer": {}}}"""),
                obj("""
                        {"metadata": {"name": "ext"}, "spec": {"type": "ExternalName", "externalName": "db.example.com"}}"""));
        assertThat(columnNames(t)).containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*");
        assertThat(cells(t, 0)).containsExactly("web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53/UDP", "<unknown>", "app=web");
        assertThat(cells(t, 1)).containsExactly("np", "NodePort", "10.96.0.11", "<none>", "80:30080/TCP", "<unknown>", "<none>");
        assertThat(cells(t, 2).subList(0, 5)).containsExactly("lb", "LoadBalancer", "10.96.0.12", "<pending>", "<none>");
        assertThat(cells(t, 3).subList(0, 4)).containsExactly("ext", "ExternalName", "<none>", "db.example.com");
    }

    @Test
    void endpointsListAtMostThreeAddresses() {
        ObjectNode t = table("", "Endpoints", obj("""
                {"metadata": {"name": "web"}, "subsets": [{"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}, {"ip": "10.0.0.3"}, {"ip": "10.0.0.4"}],
                  "ports": [{"port": 8080}]}]}"""), obj("{\"metadata\": {\"name\": \"empty\"}}"));
        assertThat(cells(t, 0).get(1)).isEqualTo("10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...");
        assertThat(cells(t, 1).get(1)).isEqualTo("<none>");
    }

    @Test
    void secretNamespaceNodeAndServiceAccount() {
        assertThat(cells(table("", "Secret", obj("{\"metadata\": {\"name\": \"s\"}, \"type\": \"Opaque\", \"data\": {\"a\": \"YQ==\"}}")), 0))
                .containsExactly("s", "Opaque", "1", "<unknown>");
        assertThat(cells(table("", "Namespace", obj("{\"metadata\": {\"name\": \"dev\"}, \"status\": {\"phase\": \"Active\"}}")), 0))
                .containsExactly("dev", "Active", "<unknown>");
        ObjectNode node = obj("""
                {"metadata": {"name": "n1", "labels": {"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "edge"}},
                 "spec": {"unschedulable": true},
                 "status": {"conditions": [{"type": "Ready", "status": "True"}], "addresses": [{"type": "InternalIP", "address": "172.18.0.2"}],
                            "nodeInfo": {"kubeletVersion": "v1.31.0", "osImage": "Debian"}}}""");
        assertThat(cells(table("", "Node", node), 0)).containsExactly("n1", "Ready,SchedulingDisabled", "control-plane,edge", "<unknown>",
                "v1.31.0", "172.18.0.2", "<none>", "Debian", "<unknown>", "<unknown>");
        assertThat(cells(table("", "ServiceAccount", obj("{\"metadata\": {\"name\": \"default\"}}")), 0)).containsExactly("default", "0", "<unknown>");
    }

    @Test
    void persistentVolumeClaimShowsCapacityOnlyWhenBound() {
        ObjectNode bound = obj("""
                {"metadata": {"name": "data"}, "spec": {"volumeName": "pv-1", "storageClassName": "standard", "volumeMode": "Filesystem"},
                 "status": {"phase": "Bound", "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteMany", "ReadWriteOnce"]}}""");
        ObjectNode pending = obj("{\"metadata\": {\"name\": \"wait\"}, \"spec\": {}, \"status\": {\"phase\": \"Pending\"}}");
        ObjectNode t = table("", "PersistentVolumeClaim", bound, pending);
        assertThat(columnNames(t)).containsExactly("Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass",
                "VolumeAttributesClass", "Age", "VolumeMode*");
        assertThat(cells(t, 0)).containsExactly("data", "Bound", "pv-1", "1Gi", "RWO,RWX", "standard", "<unset>", "<unknown>", "Filesystem");
        assertThat(cells(t, 1)).containsExactly("wait", "Pending", "", "", "", "", "<unset>", "<unknown>", "<unset>");
    }

    @Test
    void persistentVolumeShowsClaimAndTerminating() {
        ObjectNode t = table("", "PersistentVolume", obj("""
                {"metadata": {"name": "pv-1", "deletionTimestamp": "2024-05-01T11:59:00Z"},
                 "spec": {"capacity": {"storage": "5Gi"}, "accessModes": ["ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Retain",
                          "claimRef": {"namespace": "app", "name": "data"}, "storageClassName": "fast"},
                 "status": {"phase": "Bound"}}"""));
        assertThat(cells(t, 0)).containsExactly("pv-1", "5Gi", "RWO", "Retain", "Terminating", "app/data", "fast", "<unset>", "",
                "<unknown>", "<unset>");
    }

    @Test
    void storageClassMarksTheDefault() {
        ObjectNode t = table("storage.k8s.io", "StorageClass", obj("""
                {"metadata": {"name": "standard", "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
                 "provisioner": "rancher.io/local-path", "volumeBindingMode": "WaitForFirstConsumer"}"""));
        assertThat(cells(t, 0)).containsExactly("standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", "false", "<unknown>");
        assertThat(t.get("rows").get(0).get("cells").get(4).isBoolean()).isTrue();
    }

    @Test
    void ingressHostsAddressAndPorts() {
        ObjectNode t = table("networking.k8s.io", "Ingress", obj("""
                {"metadata": {"name": "web"}, "spec": {"ingressClassName": "nginx", "rules": [{"host": "a.example.com"}, {"host": "b.example.com"}],
                  "tls": [{"hosts": ["a.example.com"]}]},
                 "status": {"loadBalancer": {"ingress": [{"ip": "172.18.0.5"}]}}}"""), obj("{\"metadata\": {\"name\": \"any\"}, \"spec\": {}}"));
        assertThat(cells(t, 0)).containsExactly("web", "nginx", "a.example.com,b.example.com", "172.18.0.5", "80, 443", "<unknown>");
        assertThat(cells(t, 1)).containsExactly("any", "<none>", "*", "", "80", "<unknown>");
    }

    @Test
    void eventsUseTheWideColumnOrder() {
        ObjectNode ev = obj("""
                {"metadata": {"name": "web.17c"}, "type": "Warning", "reason": "BackOff", "message": "Back-off restarting  ",
                 "involvedObject": {"kind": "Pod", "name": "web-1", "fieldPath": "spec.containers{app}"},
                 "source": {"component": "kubelet", "host": "node-1"},
                 "firstTimestamp": "2024-05-01T11:00:00Z", "lastTimestamp": "2024-05-01T11:59:00Z", "count": 7}""");
        ObjectNode t = table("", "Event", ev);
        assertThat(columnNames(t)).containsExactly("Last Seen", "Type", "Reason", "Object", "Subobject*", "Source*", "Message",
                "First Seen*", "Count*", "Name*");
        assertThat(cells(t, 0)).containsExactly("60s", "Warning", "BackOff", "pod/web-1", "spec.containers{app}", "kubelet, node-1",
                "Back-off restarting", "60m", "7", "web.17c");
        ObjectNode modern = obj("""
                {"metadata": {"name": "e2"}, "type": "Normal", "reason": "Scheduled", "note": "assigned",
                 "regarding": {"kind": "Pod", "name": "p"}, "eventTime": "2024-05-01T11:59:30Z", "reportingController": "default-scheduler"}""");
        assertThat(cells(table("events.k8s.io", "Event", modern), 0))
                .containsExactly("30s", "Normal", "Scheduled", "pod/p", "", "default-scheduler", "assigned", "30s", "1", "e2");
    }

    @Test
    void roleBindingsListSubjectsInWideColumns() {
        ObjectNode t = table("rbac.authorization.k8s.io", "RoleBinding", obj("""
                {"metadata": {"name": "rb"}, "roleRef": {"kind": "ClusterRole", "name": "view"},
                 "subjects": [{"kind": "User", "name": "alice"}, {"kind": "Group", "name": "devs"},
                              {"kind": "ServiceAccount", "name": "ci", "namespace": "tools"}, {"kind": "User", "name": "bob"}]}"""));
        assertThat(cells(t, 0)).containsExactly("rb", "ClusterRole/view", "<unknown>", "alice, bob", "devs", "tools/ci");
    }

    @Test
    void rolesAndOtherKindsWithoutPrinterShowCreatedAt() {
        ObjectNode t = table("rbac.authorization.k8s.io", "Role", obj("{\"metadata\": {\"name\": \"r\", \"creationTimestamp\": \"2024-04-30T10:00:00.5Z\"}}"));
        assertThat(columnNames(t)).containsExactly("Name", "Created At");
        assertThat(t.get("columnDefinitions").get(1).get("type").asText()).isEqualTo("date");
        assertThat(cells(t, 0)).containsExactly("r", "2024-04-30T10:00:00Z");
        assertThat(cells(table("", "LimitRange", obj("{\"metadata\": {\"name\": \"l\"}}")), 0)).containsExactly("l", "0001-01-01T00:00:00Z");
    }

    @Test
    void pdbHpaLeaseAndApiService() {
        assertThat(cells(table("policy", "PodDisruptionBudget", obj("""
                {"metadata": {"name": "p"}, "spec": {"minAvailable": "50%"}, "status": {"disruptionsAllowed": 1}}""")), 0))
                .containsExactly("p", "50%", "N/A", "1", "<unknown>");
        assertThat(cells(table("autoscaling", "HorizontalPodAutoscaler", obj("""
                {"metadata": {"name": "h"}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 2, "maxReplicas": 5,
                  "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}},
                              {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "500Mi"}}},
                              {"type": "Pods", "pods": {"target": {"averageValue": "1k"}}}]},
                 "status": {"currentReplicas": 3, "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 42}}}]}}""")), 0))
                .containsExactly("h", "Deployment/web", "cpu: 42%/80%, memory: <unknown>/500Mi + 1 more...", "2", "5", "3", "<unknown>");
        assertThat(cells(table("coordination.k8s.io", "Lease", obj("{\"metadata\": {\"name\": \"l\"}, \"spec\": {\"holderIdentity\": \"me\"}}")), 0))
                .containsExactly("l", "me", "<unknown>");
        assertThat(cells(table("apiregistration.k8s.io", "APIService", obj("""
                {"metadata": {"name": "v1beta1.metrics.k8s.io"}, "spec": {"service": {"namespace": "kube-system", "name": "metrics-server"}},
                 "status": {"conditions": [{"type": "Available", "status": "False", "reason": "MissingEndpoints"}]}}""")), 0))
                .containsExactly("v1beta1.metrics.k8s.io", "kube-system/metrics-server", "False (MissingEndpoints)", "<unknown>");
        assertThat(cells(table("apiregistration.k8s.io", "APIService", obj("{\"metadata\": {\"name\": \"v1.\"}}")), 0).get(1)).isEqualTo("Local");
    }

    @Test
    void admissionPolicies() {
        assertThat(cells(table("admissionregistration.k8s.io", "ValidatingAdmissionPolicy", obj("""
                {"metadata": {"name": "vap"}, "spec": {"validations": [{"expression": "true"}], "paramKind": {"apiVersion": "v1", "kind": "ConfigMap"}}}""")), 0))
                .containsExactly("vap", "1", "v1/ConfigMap", "<unknown>");
        assertThat(cells(table("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding", obj("""
                {"metadata": {"name": "b"}, "spec": {"policyName": "vap", "paramRef": {"name": "limits"}}}""")), 0))
                .containsExactly("b", "vap", "*/limits", "<unknown>");
    }

    @Test
    void customResourceColumnsFollowTheirJsonPaths() {
        List<JsonNode> columns = List.of(
                obj("{\"name\": \"Replicas\", \"type\": \"integer\", \"jsonPath\": \".spec.replicas\"}"),
                obj("{\"name\": \"Ready\", \"type\": \"string\", \"jsonPath\": \".status.conditions[?(@.type==\\\"Ready\\\")].status\"}"),
                obj("{\"name\": \"App\", \"type\": \"string\", \"jsonPath\": \".metadata.labels.app\", \"priority\": 1, \"description\": \"the app\"}"),
                obj("{\"name\": \"Enabled\", \"type\": \"boolean\", \"jsonPath\": \".spec.enabled\"}"),
                obj("{\"name\": \"Age\", \"type\": \"date\", \"jsonPath\": \".metadata.creationTimestamp\"}"));
        ObjectNode cr = obj("""
                {"metadata": {"name": "shop", "labels": {"app": "web"}, "creationTimestamp": "2024-05-01T09:00:00Z"},
                 "spec": {"replicas": 2, "enabled": true}, "status": {"conditions": [{"type": "Ready", "status": "True"}]}}""");
        ObjectNode t = converter.toTable(type("example.com", "Shop"), List.of(cr, obj("{\"metadata\": {\"name\": \"bare\"}}")), columns, null, NOW);
        assertThat(columnNames(t)).containsExactly("Name", "Replicas", "Ready", "App*", "Enabled", "Age");
        assertThat(t.get("columnDefinitions").get(3).get("description").asText()).isEqualTo("the app");
        assertThat(t.get("columnDefinitions").get(1).get("description").asText()).contains(".spec.replicas");
        assertThat(cells(t, 0)).containsExactly("shop", "2", "True", "web", "true", "3h");
        assertThat(t.get("rows").get(0).get("cells").get(1).isIntegralNumber()).isTrue();
        assertThat(cells(t, 1)).containsExactly("bare", null, null, null, null, null);
    }

    @Test
    void customResourceWithoutColumnsShowsNameAndAge() {
        ObjectNode t = converter.toTable(type("example.com", "Shop"),
                List.of(obj("{\"metadata\": {\"name\": \"s\", \"creationTimestamp\": \"2024-05-01T11:59:00Z\"}}")), List.of(), null, NOW);
        assertThat(columnNames(t)).containsExactly("Name", "Age");
        assertThat(cells(t, 0)).containsExactly("s", "60s");
    }

    @Test
    void badCustomColumnPathIsRejected() {
        List<JsonNode> columns = List.of(obj("{\"name\": \"X\", \"type\": \"string\", \"jsonPath\": \".spec[\"}"));
        assertThatThrownBy(() -> converter.toTable(type("example.com", "Shop"), List.of(), columns, null, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".spec[");
    }
}
