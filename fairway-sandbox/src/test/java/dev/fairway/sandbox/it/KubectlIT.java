package dev.fairway.sandbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against one sandbox: what a user types and what they see. Each test works in
 * its own namespace so the tests stay independent of their order.
 */
class KubectlIT {

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static KubectlRunner kubectl;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new Sandbox.Config("kubectl-it", dir.resolve("data"), 0, null, true));
        Path home = Files.createDirectories(dir.resolve("home"));
        kubectl = new KubectlRunner(sandbox.kubeconfig(), home);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    // ---- basics -----------------------------------------------------------------------------

    @Test
    void versionShowsTheServerAsKubernetes131() throws IOException {
        KubectlRunner.Result r = kubectl.run("version", "-o", "json").ok();
        JsonNode v = Json.MAPPER.readTree(r.stdout());
        assertThat(v.path("serverVersion").path("major").asText()).isEqualTo("1");
        assertThat(v.path("serverVersion").path("minor").asText()).isEqualTo("31");
        assertThat(v.path("clientVersion").path("minor").asText()).isEqualTo("31");
    }

    @Test
    void apiResourcesListsBuiltInKindsWithTheirGroupsAndShortNames() {
        String out = kubectl.run("api-resources").ok().stdout();
        assertThat(out.lines().findFirst().orElse("")).contains("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
        assertThat(out).containsPattern("configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap")
                .containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment")
                .containsPattern("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace")
                .containsPattern("customresourcedefinitions\\s+crd,crds\\s+apiextensions.k8s.io/v1\\s+false\\s+CustomResourceDefinition");
    }

    @Test
    void getRawHealthz() {
        assertThat(kubectl.run("get", "--raw", "/healthz").ok().stdout()).isEqualTo("ok");
    }

    @Test
    void getPrintsTablesYamlJsonAndWide() throws IOException {
        namespace("get");
        kubectl.run("create", "configmap", "settings", "-n", "get", "--from-literal=a=1", "--from-literal=b=2").ok();
        kubectl.run("create", "deployment", "web", "-n", "get", "--image=nginx:1.27", "--replicas=2").ok();

        String table = kubectl.run("get", "configmaps", "-n", "get").ok().stdout();
        assertThat(table.lines().findFirst().orElse("")).containsPattern("NAME\\s+DATA\\s+AGE");
        assertThat(table).containsPattern("settings\\s+2\\s+\\d+s");

        String yaml = kubectl.run("get", "cm", "settings", "-n", "get", "-o", "yaml").ok().stdout();
        assertThat(yaml).contains("kind: ConfigMap", "name: settings", "namespace: get", "resourceVersion:", "uid:");

        JsonNode json = Json.MAPPER.readTree(kubectl.run("get", "cm", "settings", "-n", "get", "-o", "json").ok().stdout());
        assertThat(json.path("data").path("b").asText()).isEqualTo("2");

        String deployments = kubectl.run("get", "deployments", "-n", "get").ok().stdout();
        assertThat(deployments.lines().findFirst().orElse("")).containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE");
        String wide = kubectl.run("get", "deployments", "-n", "get", "-o", "wide").ok().stdout();
        assertThat(wide.lines().findFirst().orElse("")).containsPattern("CONTAINERS\\s+IMAGES\\s+SELECTOR");
        assertThat(wide).containsPattern("web\\s+.*nginx\\s+nginx:1.27\\s+app=web");

        KubectlRunner.Result missing = kubectl.run("get", "cm", "nothing-here", "-n", "get");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("Error from server (NotFound): configmaps \"nothing-here\" not found");
    }

    @Test
    void createNamespace() {
        assertThat(kubectl.run("create", "namespace", "team-a").ok().stdout()).contains("namespace/team-a created");
        assertThat(kubectl.run("get", "ns", "team-a").ok().stdout()).containsPattern("team-a\\s+Active");
        KubectlRunner.Result again = kubectl.run("create", "namespace", "team-a");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("(AlreadyExists)", "namespaces \"team-a\" already exists");
    }

    // ---- apply --------------------------------------------------------------------------------

    @Test
    void applyADirectoryThenApplyEditsAsAStrategicMerge() throws IOException {
        Path app = appDirectory("shop", "nginx:1.26", true);
        String created = kubectl.run("apply", "-f", app.toString()).ok().stdout();
        assertThat(created).contains("namespace/shop created", "configmap/shop-config created",
                "deployment.apps/web created", "service/web created");

        JsonNode live = getJson("deployment", "web", "-n", "shop");
        JsonNode container = live.path("spec").path("template").path("spec").path("containers").path(0);
        assertThat(container.path("env")).hasSize(2);
        assertThat(live.path("metadata").path("annotations").has("kubectl.kubernetes.io/last-applied-configuration")).isTrue();

        // someone scales the deployment out of band: a later apply without replicas keeps it
        kubectl.run("patch", "deployment", "web", "-n", "shop", "--type", "merge", "-p", "{\"metadata\":{\"labels\":{\"owner\":\"ops\"}}}").ok();

        appDirectory("shop", "nginx:1.27", false);
        String again = kubectl.run("apply", "-f", app.toString()).ok().stdout();
        assertThat(again).contains("namespace/shop unchanged", "configmap/shop-config unchanged",
                "deployment.apps/web configured", "service/web unchanged");

        live = getJson("deployment", "web", "-n", "shop");
        container = live.path("spec").path("template").path("spec").path("containers").path(0);
        assertThat(container.path("image").asText()).isEqualTo("nginx:1.27");
        assertThat(container.path("env")).hasSize(1);
        assertThat(container.path("env").path(0).path("name").asText()).isEqualTo("MODE");
        assertThat(container.path("ports").path(0).path("containerPort").asInt()).isEqualTo(80);
        assertThat(live.path("metadata").path("labels").path("owner").asText()).isEqualTo("ops");
        assertThat(live.path("metadata").path("generation").asInt()).isEqualTo(2);
    }

    @Test
    void applyRefusesAnUnknownFieldAsKubectlValidationShowsIt() {
        namespace("strict");
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: typo
                  namespace: strict
                dataa:
                  key: value
                """;
        KubectlRunner.Result r = kubectl.runWithInput(manifest, "apply", "-f", "-");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("unknown field \"dataa\"");
        assertThat(kubectl.run("get", "cm", "typo", "-n", "strict").exitCode()).isEqualTo(1);
    }

    @Test
    void applyWithPruneDeletesWhatLeftTheManifests() {
        namespace("prune");
        String both = configMapYaml("prune", "kept", "k", "v").replace("  name: kept", "  name: kept\n  labels:\n    set: p")
                + "---\n" + configMapYaml("prune", "dropped", "k", "v").replace("  name: dropped", "  name: dropped\n  labels:\n    set: p");
        kubectl.runWithInput(both, "apply", "-n", "prune", "--prune", "-l", "set=p", "-f", "-").ok();
        String kept = both.substring(0, both.indexOf("---"));
        String out = kubectl.runWithInput(kept, "apply", "-n", "prune", "--prune", "-l", "set=p", "-f", "-").ok().stdout();
        assertThat(out).contains("configmap/kept unchanged", "configmap/dropped pruned");
        assertThat(names("cm", "-n", "prune", "-l", "set=p")).containsExactly("kept");
    }

    @Test
    void serverSideApplyReportsConflictsUntilForced() {
        namespace("ssa");
        String mine = configMapYaml("ssa", "shared", "owner", "kubectl");
        assertThat(kubectl.runWithInput(mine, "apply", "--server-side", "-f", "-").ok().stdout())
                .contains("configmap/shared serverside-applied");
        assertThat(kubectl.runWithInput(mine, "apply", "--server-side", "-f", "-").ok().stdout())
                .contains("configmap/shared serverside-applied");

        String theirs = configMapYaml("ssa", "shared", "owner", "robot");
        KubectlRunner.Result conflict = kubectl.runWithInput(theirs, "apply", "--server-side", "--field-manager=robot", "-f", "-");
        assertThat(conflict.exitCode()).as(conflict.toString()).isEqualTo(1);
        assertThat(conflict.stderr()).contains("Apply failed with 1 conflict", "conflict with \"kubectl\"", ".data.owner");
        assertThat(getJson("cm", "shared", "-n", "ssa").path("data").path("owner").asText()).isEqualTo("kubectl");

        kubectl.runWithInput(theirs, "apply", "--server-side", "--field-manager=robot", "--force-conflicts", "-f", "-").ok();
        JsonNode live = getJson("cm", "shared", "-n", "ssa", "--show-managed-fields");
        assertThat(live.path("data").path("owner").asText()).isEqualTo("robot");
        assertThat(live.path("metadata").path("managedFields"))
                .anySatisfy(m -> assertThat(m.path("manager").asText()).isEqualTo("robot"));
    }

    @Test
    void diffExitsZeroWhenEqualAndOneWhenNotWithoutChangingTheLiveObject() {
        namespace("diff");
        String v1 = configMapYaml("diff", "cfg", "level", "info");
        kubectl.runWithInput(v1, "apply", "-f", "-").ok();
        String rv = getJson("cm", "cfg", "-n", "diff").path("metadata").path("resourceVersion").asText();

        KubectlRunner.Result same = kubectl.runWithInput(v1, "diff", "-f", "-");
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertThat(same.stdout()).isEmpty();

        KubectlRunner.Result changed = kubectl.runWithInput(configMapYaml("diff", "cfg", "level", "debug"), "diff", "-f", "-");
        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(1);
        assertThat(changed.stdout()).contains("-  level: info", "+  level: debug");

        JsonNode live = getJson("cm", "cfg", "-n", "diff");
        assertThat(live.path("data").path("level").asText()).isEqualTo("info");
        assertThat(live.path("metadata").path("resourceVersion").asText()).isEqualTo(rv);
    }

    // ---- watch, wait, delete --------------------------------------------------------------------

    @Test
    void getWatchShowsAddedModifiedAndDeletedRows() throws Exception {
        namespace("watch");
        kubectl.run("create", "configmap", "already-there", "-n", "watch").ok();
        Process watch = kubectl.start("get", "configmaps", "-n", "watch", "-w", "--output-watch-events");
        KubectlRunner.Drain out = KubectlRunner.Drain.of(watch.getInputStream());
        KubectlRunner.Drain err = KubectlRunner.Drain.of(watch.getErrorStream());
        try {
            // the watch is live once the list's rows are printed
            await().atMost(Duration.ofSeconds(20)).until(() -> out.soFar().contains("already-there") || !watch.isAlive());
            kubectl.run("create", "configmap", "watched", "-n", "watch", "--from-literal=a=1").ok();
            kubectl.run("label", "configmap", "watched", "-n", "watch", "seen=yes").ok();
            kubectl.run("delete", "configmap", "watched", "-n", "watch").ok();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(out.soFar())
                    .as("stderr: %s", err.soFar())
                    .containsPattern("ADDED\\s+watched\\s+1")
                    .containsPattern("MODIFIED\\s+watched\\s+1")
                    .containsPattern("DELETED\\s+watched\\s+1"));
        } finally {
            watch.destroy();
            watch.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void waitForAnEstablishedCrdAndForADeletion() throws Exception {
        kubectl.runWithInput(widgetCrd(), "apply", "-f", "-").ok();
        assertThat(kubectl.run("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=30s").ok().stdout())
                .contains("customresourcedefinition.apiextensions.k8s.io/widgets.example.com condition met");

        namespace("waiting");
        kubectl.run("create", "configmap", "doomed", "-n", "waiting").ok();
        Process waiter = kubectl.start("wait", "--for=delete", "configmap/doomed", "-n", "waiting", "--timeout=30s");
        KubectlRunner.Drain out = KubectlRunner.Drain.of(waiter.getInputStream());
        KubectlRunner.Drain err = KubectlRunner.Drain.of(waiter.getErrorStream());
        await().during(java.time.Duration.ofSeconds(1)).atMost(java.time.Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(waiter.isAlive()).as("kubectl wait ended before the delete: %s %s", out.soFar(), err.soFar()).isTrue());
        kubectl.run("delete", "configmap", "doomed", "-n", "waiting", "--wait=false").ok();
        assertThat(waiter.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(waiter.exitValue()).as("stdout %s stderr %s", out.text(), err.text()).isZero();
        assertThat(out.text()).contains("configmap/doomed condition met");
    }

    @Test
    void deleteADirectoryWithANamespaceRemovesEverythingInIt() throws IOException {
        Path app = appDirectory("doomed-shop", "nginx:1.27", true);
        kubectl.run("apply", "-f", app.toString()).ok();
        kubectl.run("create", "secret", "generic", "extra", "-n", "doomed-shop", "--from-literal=k=v").ok();

        // the namespace comes first, then each object in it, as on a real cluster: none is NotFound yet
        String out = kubectl.run("delete", "-f", app.toString(), "--timeout=40s").ok().stdout();
        assertThat(out).contains("namespace \"doomed-shop\" deleted", "configmap \"shop-config\" deleted",
                "deployment.apps \"web\" deleted", "service \"web\" deleted");

        KubectlRunner.Result ns = kubectl.run("get", "namespace", "doomed-shop");
        assertThat(ns.exitCode()).as(ns.toString()).isEqualTo(1);
        assertThat(ns.stderr()).contains("namespaces \"doomed-shop\" not found");
        for (String kind : new String[] {"configmaps", "secrets", "deployments", "services"}) {
            JsonNode items = getJson(kind, "-n", "doomed-shop").path("items");
            assertThat(items).as(kind).isEmpty();
        }
    }

    // ---- custom resources ----------------------------------------------------------------------

    @Test
    void customResourcesAreValidatedAndPrintedWithTheirColumns() {
        kubectl.runWithInput(widgetCrd(), "apply", "-f", "-").ok();
        kubectl.run("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=30s").ok();
        namespace("widgets");
        String good = """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: sprocket
                  namespace: widgets
                spec:
                  size: 3
                  color: red
                """;
        assertThat(kubectl.runWithInput(good, "apply", "-f", "-").ok().stdout()).contains("widget.example.com/sprocket created");

        String table = kubectl.run("get", "widgets", "-n", "widgets").ok().stdout();
        assertThat(table.lines().findFirst().orElse("")).containsPattern("NAME\\s+SIZE\\s+COLOR\\s+AGE");
        assertThat(table).containsPattern("sprocket\\s+3\\s+red\\s+\\d+s");
        assertThat(kubectl.run("get", "wd", "-n", "widgets", "-o", "name").ok().stdout().trim()).isEqualTo("widget.example.com/sprocket");

        // applying an edited custom resource again is a JSON merge patch (custom kinds take no strategic merge)
        assertThat(kubectl.runWithInput(good.replace("size: 3", "size: 4").replace("color: red", "color: blue"), "apply", "-f", "-")
                .ok().stdout()).contains("widget.example.com/sprocket configured");
        assertThat(kubectl.run("get", "widgets", "-n", "widgets").ok().stdout()).containsPattern("sprocket\\s+4\\s+blue\\s+");

        String bad = """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: broken
                  namespace: widgets
                spec:
                  size: big
                  color: purple
                """;
        KubectlRunner.Result r = kubectl.runWithInput(bad, "apply", "-f", "-");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("The Widget \"broken\" is invalid")
                .contains("spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"")
                .contains("spec.color: Unsupported value: \"purple\": supported values: \"red\", \"blue\"");

        String missing = """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: partial
                  namespace: widgets
                spec:
                  color: blue
                """;
        KubectlRunner.Result m = kubectl.runWithInput(missing, "create", "-f", "-");
        assertThat(m.exitCode()).as(m.toString()).isEqualTo(1);
        assertThat(m.stderr()).contains("spec.size: Required value");
    }

    @Test
    void explainDescribesBuiltInFields() {
        String out = kubectl.run("explain", "deployment.spec.replicas").ok().stdout();
        assertThat(out).contains("KIND:", "Deployment", "FIELD: replicas <integer>");
        String pods = kubectl.run("explain", "pods.spec.containers.image").ok().stdout();
        assertThat(pods).contains("FIELD: image <string>");
    }

    @Test
    void secretsStoreStringDataAsBase64Data() {
        namespace("secrets");
        String secret = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: repo-creds
                  namespace: secrets
                stringData:
                  password: %s
                """;
        kubectl.runWithInput(secret.formatted("hunter2"), "apply", "-f", "-").ok();
        JsonNode live = getJson("secret", "repo-creds", "-n", "secrets");
        assertThat(live.has("stringData")).isFalse();
        assertThat(live.path("type").asText()).isEqualTo("Opaque");
        assertThat(live.path("data").path("password").asText()).isEqualTo("aHVudGVyMg==");

        assertThat(kubectl.runWithInput(secret.formatted("hunter3"), "apply", "-f", "-").ok().stdout())
                .contains("secret/repo-creds configured");
        assertThat(kubectl.run("get", "secret", "repo-creds", "-n", "secrets", "-o", "jsonpath={.data.password}").ok().stdout())
                .isEqualTo("aHVudGVyMw==");
    }

    // ---- editing verbs ---------------------------------------------------------------------------

    @Test
    void labelAnnotateAndPatchInAllThreeFlavours() {
        namespace("edit");
        kubectl.run("create", "configmap", "cfg", "-n", "edit", "--from-literal=a=1").ok();
        kubectl.run("create", "deployment", "api", "-n", "edit", "--image=busybox:1.36").ok();

        assertThat(kubectl.run("label", "cm", "cfg", "-n", "edit", "tier=backend").ok().stdout()).contains("configmap/cfg labeled");
        assertThat(kubectl.run("annotate", "cm", "cfg", "-n", "edit", "owner=team-a").ok().stdout()).contains("configmap/cfg annotated");
        kubectl.run("patch", "cm", "cfg", "-n", "edit", "--type", "merge", "-p", "{\"data\":{\"b\":\"2\"}}").ok();
        kubectl.run("patch", "cm", "cfg", "-n", "edit", "--type", "json",
                "-p", "[{\"op\":\"remove\",\"path\":\"/data/a\"},{\"op\":\"add\",\"path\":\"/data/c\",\"value\":\"3\"}]").ok();
        JsonNode cm = getJson("cm", "cfg", "-n", "edit");
        assertThat(cm.path("metadata").path("labels").path("tier").asText()).isEqualTo("backend");
        assertThat(cm.path("metadata").path("annotations").path("owner").asText()).isEqualTo("team-a");
        assertThat(Json.MAPPER.convertValue(cm.path("data"), java.util.Map.class)).containsOnlyKeys("b", "c");

        // a strategic merge adds a second container by name instead of replacing the list
        kubectl.run("patch", "deployment", "api", "-n", "edit", "--type", "strategic",
                "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"envoy:1.30\"}]}}}}").ok();
        JsonNode containers = getJson("deployment", "api", "-n", "edit").path("spec").path("template").path("spec").path("containers");
        assertThat(containers).extracting(c -> c.path("name").asText()).containsExactlyInAnyOrder("busybox", "sidecar");

        KubectlRunner.Result badJsonPatch = kubectl.run("patch", "cm", "cfg", "-n", "edit", "--type", "json",
                "-p", "[{\"op\":\"remove\",\"path\":\"/data/nope\"}]");
        assertThat(badJsonPatch.exitCode()).isEqualTo(1);
    }

    @Test
    void scaleADeploymentThroughItsScaleSubresource() {
        namespace("scale");
        kubectl.run("create", "deployment", "web", "-n", "scale", "--image=nginx:1.27").ok();
        assertThat(kubectl.run("scale", "deployment", "web", "-n", "scale", "--replicas=4").ok().stdout())
                .contains("deployment.apps/web scaled");
        assertThat(getJson("deployment", "web", "-n", "scale").path("spec").path("replicas").asInt()).isEqualTo(4);
        KubectlRunner.Result stale = kubectl.run("scale", "deployment", "web", "-n", "scale", "--replicas=1", "--current-replicas=2");
        assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(1);
        assertThat(getJson("deployment", "web", "-n", "scale").path("spec").path("replicas").asInt()).isEqualTo(4);
    }

    @Test
    void scaleACustomResourceThroughTheScaleItsCrdDeclares() {
        namespace("crscale");
        kubectl.runWithInput("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: workers.scale.example.com}
                spec:
                  group: scale.example.com
                  scope: Namespaced
                  names: {plural: workers, singular: worker, kind: Worker}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    subresources:
                      status: {}
                      scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.running, labelSelectorPath: .status.selector}
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec: {type: object, properties: {size: {type: integer}}}
                          status: {type: object, properties: {running: {type: integer}, selector: {type: string}}}
                """, "apply", "-f", "-").ok();
        kubectl.run("wait", "--for=condition=established", "crd/workers.scale.example.com", "--timeout=30s").ok();
        kubectl.runWithInput("""
                apiVersion: scale.example.com/v1
                kind: Worker
                metadata: {name: w, namespace: crscale}
                spec: {size: 1}
                """, "apply", "-f", "-").ok();
        assertThat(kubectl.run("scale", "worker", "w", "-n", "crscale", "--replicas=5").ok().stdout()).contains("worker.scale.example.com/w scaled");
        assertThat(getJson("worker", "w", "-n", "crscale").path("spec").path("size").asInt()).isEqualTo(5);
        assertThat(getJson("worker", "w", "-n", "crscale").path("spec").has("replicas")).isFalse();
    }

    @Test
    void authCanIAndWhoamiAnswerForTheSandboxsOnlyUser() {
        assertThat(kubectl.run("auth", "can-i", "create", "deployments", "-n", "default").ok().stdout().strip()).isEqualTo("yes");
        assertThat(kubectl.run("auth", "whoami").ok().stdout()).contains("fairway-admin").contains("system:masters");
        assertThat(kubectl.run("auth", "can-i", "--list").ok().stdout()).contains("*.*");
        assertThat(kubectl.run("get", "selfsubjectaccessreviews").exitCode()).as("reviews are answered, not stored").isNotZero();
    }

    // ---- selecting and paging ---------------------------------------------------------------------

    @Test
    void labelAndFieldSelectors() {
        namespace("select");
        String[][] maps = {{"a", "prod", "web"}, {"b", "staging", "web"}, {"c", "prod", "db"}, {"d", "dev", "web"}};
        for (String[] m : maps) {
            kubectl.run("create", "configmap", m[0], "-n", "select").ok();
            kubectl.run("label", "configmap", m[0], "-n", "select", "env=" + m[1], "tier=" + m[2]).ok();
        }
        assertThat(names("cm", "-n", "select", "-l", "env=prod")).containsExactly("a", "c");
        assertThat(names("cm", "-n", "select", "-l", "env in (prod,staging),tier!=db")).containsExactly("a", "b");
        kubectl.run("create", "configmap", "unlabeled", "-n", "select").ok();
        assertThat(names("cm", "-n", "select", "-l", "!tier")).containsExactly("kube-root-ca.crt", "unlabeled");
        assertThat(names("cm", "-n", "select", "-l", "env notin (prod),tier")).containsExactly("b", "d");
        assertThat(names("cm", "-n", "select", "--field-selector", "metadata.name=b")).containsExactly("b");
        assertThat(names("cm", "-n", "select", "--field-selector", "metadata.name!=b", "-l", "tier=web")).containsExactly("a", "d");

        KubectlRunner.Result badField = kubectl.run("get", "cm", "-n", "select", "--field-selector", "data.x=1");
        assertThat(badField.exitCode()).isEqualTo(1);
        assertThat(badField.stderr()).contains("BadRequest");
    }

    @Test
    void chunkedListsFollowContinueTokens() throws IOException {
        namespace("paging");
        for (int i = 0; i < 12; i++) {
            kubectl.run("create", "configmap", "page-%02d".formatted(i), "-n", "paging").ok();
        }
        // every namespace also holds kube-root-ca.crt, as on a real cluster
        java.util.List<String> all = names("cm", "-n", "paging");
        assertThat(all).hasSize(13).contains("page-00", "page-11", "kube-root-ca.crt");
        assertThat(names("cm", "-n", "paging", "--chunk-size=5")).isEqualTo(all);

        JsonNode first = Json.MAPPER.readTree(kubectl.run("get", "--raw", "/api/v1/namespaces/paging/configmaps?limit=5").ok().stdout());
        assertThat(first.path("items")).hasSize(5);
        String token = first.path("metadata").path("continue").asText();
        assertThat(token).isNotEmpty();
        assertThat(first.path("metadata").path("remainingItemCount").asInt()).isEqualTo(8);
        JsonNode second = Json.MAPPER.readTree(kubectl.run("get", "--raw",
                "/api/v1/namespaces/paging/configmaps?limit=5&continue=" + token).ok().stdout());
        java.util.List<String> paged = new java.util.ArrayList<>();
        first.path("items").forEach(i -> paged.add(i.path("metadata").path("name").asText()));
        second.path("items").forEach(i -> paged.add(i.path("metadata").path("name").asText()));
        assertThat(paged).isEqualTo(all.subList(0, 10));

        // with a selector too: every page but the last ends with a continue token
        for (int i = 0; i < 12; i += 2) {
            kubectl.run("label", "configmap", "page-%02d".formatted(i), "-n", "paging", "even=yes").ok();
        }
        assertThat(names("cm", "-n", "paging", "-l", "even=yes", "--chunk-size=2"))
                .containsExactly("page-00", "page-02", "page-04", "page-06", "page-08", "page-10");
        JsonNode selected = Json.MAPPER.readTree(kubectl.run("get", "--raw",
                "/api/v1/namespaces/paging/configmaps?limit=2&labelSelector=even%3Dyes").ok().stdout());
        assertThat(selected.path("items")).hasSize(2);
        assertThat(selected.path("metadata").path("continue").asText()).isNotEmpty();
    }

    @Test
    void createWithGenerateNameGetsAFreshNameEachTime() {
        namespace("gen");
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  generateName: job-run-
                  namespace: gen
                data:
                  step: one
                """;
        String first = kubectl.runWithInput(manifest, "create", "-f", "-").ok().stdout();
        String second = kubectl.runWithInput(manifest, "create", "-f", "-").ok().stdout();
        assertThat(first).containsPattern("configmap/job-run-[a-z0-9]{5} created");
        assertThat(second).containsPattern("configmap/job-run-[a-z0-9]{5} created").isNotEqualTo(first);
        assertThat(names("cm", "-n", "gen")).filteredOn(n -> n.startsWith("job-run-")).hasSize(2);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static void namespace(String name) {
        kubectl.run("create", "namespace", name).ok();
    }

    private static JsonNode getJson(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "get";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "-o";
        full[args.length + 2] = "json";
        try {
            return Json.MAPPER.readTree(kubectl.run(full).ok().stdout());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The object names a {@code kubectl get} prints, in its order. */
    private static java.util.List<String> names(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "get";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "-o=jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}";
        return kubectl.run(full).ok().stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    private static String configMapYaml(String namespace, String name, String key, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                data:
                  %s: %s
                """.formatted(name, namespace, key, value);
    }

    /** A namespace, a ConfigMap, a Deployment and a Service as files; {@code twoEnvVars} adds DEBUG. */
    private static Path appDirectory(String namespace, String image, boolean twoEnvVars) throws IOException {
        Path app = Files.createDirectories(dir.resolve("apps").resolve(namespace));
        Files.writeString(app.resolve("00-namespace.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                """.formatted(namespace));
        Files.writeString(app.resolve("10-config.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shop-config
                  namespace: %s
                data:
                  greeting: hello
                """.formatted(namespace));
        String debugEnv = twoEnvVars ? """
                        - name: DEBUG
                          value: "true"
                """ : "";
        Files.writeString(app.resolve("20-deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: %s
                spec:
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: web
                        image: %s
                        ports:
                        - containerPort: 80
                        env:
                        - name: MODE
                          value: shop
                %s""".formatted(namespace, image, debugEnv));
        Files.writeString(app.resolve("30-service.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: %s
                spec:
                  selector:
                    app: web
                  ports:
                  - port: 80
                    targetPort: 80
                """.formatted(namespace));
        return app;
    }

    private static String widgetCrd() {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  scope: Namespaced
                  names:
                    plural: widgets
                    singular: widget
                    kind: Widget
                    shortNames: [wd]
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    additionalPrinterColumns:
                    - name: Size
                      type: integer
                      jsonPath: .spec.size
                    - name: Color
                      type: string
                      jsonPath: .spec.color
                    - name: Age
                      type: date
                      jsonPath: .metadata.creationTimestamp
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            required: [size]
                            properties:
                              size:
                                type: integer
                              color:
                                type: string
                                enum: [red, blue]
                """;
    }
}
