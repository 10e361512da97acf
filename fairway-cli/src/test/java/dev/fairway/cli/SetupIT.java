package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The bootstrap end to end, as a user runs it: the {@code fairway} jar as a process, a temporary
 * FAIRWAY_HOME, and a temporary git copy of the example platform. setup, a commit and deploy
 * (with Terraform outputs), test with a JUnit report, a broken commit, destroy; then the elk type.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupIT {

    @TempDir
    static Path tmp;

    static Path home;
    static Path repo;
    static Git git;
    static FairwayProcess fairway;

    @BeforeAll
    static void copyTheExample() throws Exception {
        home = tmp.resolve("home");
        repo = tmp.resolve("repo");
        Path example = FairwayProcess.projectRoot().resolve("examples/platform");
        Path target = repo.resolve("examples/platform");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(example.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        commit("The example platform");
        fairway = new FairwayProcess(home);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (String name : new String[] {"t1", "t2"}) {
            if (Files.isDirectory(home.resolve("clusters").resolve(name))) {
                fairway.run(Duration.ofSeconds(60), "destroy", name, "--yes");
            }
        }
        git.close();
    }

    static void commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        git.commit().setMessage(message).setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com").call();
    }

    static KubernetesClient client(String cluster) throws Exception {
        return Deployer.client(home.resolve("clusters").resolve(cluster).resolve("kubeconfig"), null);
    }

    @Test
    @Order(1)
    void setupSyncsTheExampleAndExitsZero() throws Exception {
        FairwayProcess.Run r = fairway.run(Duration.ofMinutes(5), "setup", "t1", "--repo", repo.toString(), "--port", "0", "--timeout", "4m");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("examples/platform/cluster").contains("ready: all 3 applications Synced and Healthy")
                .contains("kubeconfig:").contains("UI:").containsPattern("admin login: admin / \\S{12,}");
        try (KubernetesClient c = client("t1")) {
            assertThat(c.apps().deployments().inNamespace("idp").withName("idp").get().getStatus().getReadyReplicas()).isEqualTo(2);
            assertThat(c.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd").list().getItems())
                    .extracting(a -> a.getMetadata().getName()).containsExactlyInAnyOrder("root", "fairway-system", "idp");
            assertThat(c.batch().v1().jobs().inNamespace("idp").withName("idp-migrate").get()).as("the PreSync migration ran").isNotNull();
        }
        FairwayProcess.Run list = fairway.run(Duration.ofMinutes(1), "app", "list", "--cluster", "t1");
        assertThat(list.code()).as(list.all()).isZero();
        assertThat(list.out()).containsPattern("idp\\s+idp\\s+idp\\s+Synced\\s+Healthy").containsPattern("root\\s+argocd\\s+default\\s+Synced\\s+Healthy");
        FairwayProcess.Run diff = fairway.run(Duration.ofMinutes(1), "app", "diff", "idp", "--cluster", "t1");
        assertThat(diff.code()).as("no difference from git: " + diff.all()).isZero();
        FairwayProcess.Run again = fairway.run(Duration.ofMinutes(3), "setup", "t1", "--repo", repo.toString(), "--port", "0", "--timeout", "2m");
        assertThat(again.code()).as("setup again is safe: " + again.all()).isZero();
        assertThat(again.out()).contains("server      running");
    }

    @Test
    @Order(2)
    void aCommitIsAppliedByDeployWithTerraformOutputs() throws Exception {
        Path config = repo.resolve("examples/platform/base/idp/config.yaml");
        Files.writeString(config, Files.readString(config).replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
        commit("More logs");
        Path outputs = tmp.resolve("outputs.json");
        Files.writeString(outputs, """
                {
                  "cluster_name": {"sensitive": false, "type": "string", "value": "t1"},
                  "node_count": {"sensitive": false, "type": "number", "value": 3},
                  "subnets": {"sensitive": false, "type": ["list", "string"], "value": ["subnet-a", "subnet-b"]},
                  "tags": {"sensitive": false, "type": ["map", "string"], "value": {"team": "idp"}},
                  "db_password": {"sensitive": true, "type": "string", "value": "s3cret"}
                }
                """);
        FairwayProcess.Run r = fairway.run(Duration.ofMinutes(4), "deploy", "t1", "--tf-outputs", outputs.toString(), "--timeout", "3m");
        assertThat(r.code()).as(r.all()).isZero();
        String head = git.getRepository().resolve("HEAD").name();
        assertThat(r.out()).contains(head.substring(0, 7)).contains("terraform   5 outputs");
        try (KubernetesClient c = client("t1")) {
            assertThat(c.configMaps().inNamespace("idp").withName("idp").get().getData()).containsEntry("LOG_LEVEL", "debug");
            ConfigMap tf = c.configMaps().inNamespace("fairway-system").withName("terraform-outputs").get();
            assertThat(tf.getData()).containsEntry("cluster_name", "t1").containsEntry("node_count", "3")
                    .containsEntry("subnets", "[\"subnet-a\",\"subnet-b\"]").containsEntry("tags", "{\"team\":\"idp\"}")
                    .doesNotContainKey("db_password");
            assertThat(tf.getMetadata().getAnnotations().get("fairway.dev/terraform-output-types")).contains("\"node_count\":\"number\"");
            Secret secret = c.secrets().inNamespace("fairway-system").withName("terraform-outputs").get();
            assertThat(new String(Base64.getDecoder().decode(secret.getData().get("db_password")), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        }
    }

    @Test
    @Order(3)
    void testPassesAndWritesAValidJUnitReport() throws Exception {
        Path report = tmp.resolve("reports/fairway.xml");
        FairwayProcess.Run r = fairway.run(Duration.ofMinutes(2), "test", "t1", "--junit", report.toString());
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("ok    applications application idp Synced and Healthy").contains(", 0 failed");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isGreaterThanOrEqualTo(10);
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(Integer.parseInt(suite.getAttribute("tests")));
    }

    @Test
    @Order(4)
    void aBrokenCommitFailsDeployAndTestNamingTheAppAndFile() throws Exception {
        Path service = repo.resolve("examples/platform/base/idp/service.yaml");
        Files.writeString(service, "apiVersion: v1\nkind: Service\nmetadata:\n  name: idp\nspec:\n  ports: [\n");
        commit("Broken service");
        FairwayProcess.Run deploy = fairway.run(Duration.ofMinutes(4), "deploy", "t1", "--timeout", "3m");
        assertThat(deploy.code()).as(deploy.all()).isEqualTo(1);
        assertThat(deploy.err()).contains("idp").contains("service.yaml");
        FairwayProcess.Run test = fairway.run(Duration.ofMinutes(2), "test", "t1");
        assertThat(test.code()).as(test.all()).isEqualTo(1);
        assertThat(test.out()).contains("FAIL").contains("idp").contains("service.yaml");
    }

    @Test
    @Order(5)
    void destroyLeavesNothingRunningAndNothingOnDisk() throws Exception {
        Path dir = home.resolve("clusters/t1");
        long pid = Long.parseLong(Files.readString(dir.resolve("server.pid")).trim());
        assertThat(ProcessHandle.of(pid)).isPresent();
        FairwayProcess.Run r = fairway.run(Duration.ofMinutes(1), "destroy", "t1", "--yes");
        assertThat(r.code()).as(r.all()).isZero();
        Optional<ProcessHandle> after = ProcessHandle.of(pid);
        assertThat(after.map(ProcessHandle::isAlive).orElse(false)).as("server process " + pid + " stopped").isFalse();
        assertThat(dir).doesNotExist();
        FairwayProcess.Run clusters = fairway.run(Duration.ofMinutes(1), "clusters");
        assertThat(clusters.out()).doesNotContain("t1");
    }

    @Test
    @Order(6)
    void theElkTypeGivesTheLoggingApps() throws Exception {
        FairwayProcess.Run r = fairway.run(Duration.ofMinutes(5), "setup", "t2", "elk", "--repo", repo.toString(), "--port", "0",
                "--revision", git.getRepository().resolve("HEAD~1").name(), "--timeout", "4m");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("examples/platform/cluster-elk");
        try (KubernetesClient c = client("t2")) {
            assertThat(c.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd").list().getItems())
                    .extracting(a -> a.getMetadata().getName()).containsExactlyInAnyOrder("root", "fairway-system", "logging");
            assertThat(c.apps().statefulSets().inNamespace("logging").withName("elasticsearch").get()).isNotNull();
        }
        FairwayProcess.Run status = fairway.run(Duration.ofMinutes(1), "status", "t2");
        assertThat(status.code()).as(status.all()).isZero();
        assertThat(status.out()).containsPattern("logging\\s+Synced\\s+Healthy");
        assertThat(fairway.run(Duration.ofMinutes(1), "destroy", "t2", "--yes").code()).isZero();
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
