package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCommandTest {

    private static final Path HEALTH = ConformanceFixtures.folder("health");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsFileStatusAndMessageForEachObject() {
        Path degraded = HEALTH.resolve("deployment-degraded.yaml");
        Path pending = HEALTH.resolve("pvc-pending.yaml");
        Path healthy = HEALTH.resolve("deployment-nginx-healthy.yaml");

        int exit = Main.run("health", degraded.toString(), pending.toString(), healthy.toString());

        assertThat(exit).isZero();
        assertThat(stdout().lines()).containsExactly(
                degraded + "\tDegraded\tDeployment \"guestbook-ui\" exceeded its progress deadline",
                pending + "\tProgressing\t",
                healthy + "\tHealthy\t");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void kindsWithoutHealthHaveAnEmptyStatusAsInArgoCd(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");

        int exit = Main.run("health", file.toString());

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo(file + "\t\tno health check for ConfigMap" + System.lineSeparator());
    }

    @Test
    void ignoredObjectsSayWhy(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("svc.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  annotations: {argocd.argoproj.io/ignore-healthcheck: "true"}
                """);

        Main.run("health", file.toString());

        assertThat(stdout()).contains("\t\tService/web is annotated argocd.argoproj.io/ignore-healthcheck: true");
    }

    @Test
    void anUnreadableFileIsReportedWithItsLineAndExits2ButTheOthersArePrinted(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n");
        Path good = HEALTH.resolve("pod-succeeded.yaml");

        int exit = Main.run("health", broken.toString(), good.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).isEqualTo("error: " + broken + ":4: mapping values are not allowed here" + System.lineSeparator());
        assertThat(stdout()).startsWith(good + "\tHealthy\t");
    }

    @Test
    void aMissingFileExits2() {
        int exit = Main.run("health", "no/such/file.yaml");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("error: no/such/file.yaml: no such file");
    }

    @Test
    void customRulesCoverMoreKinds(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                - group: cert-manager.io
                  kind: Certificate
                  rules:
                  - when: status.conditions[type=Ready].status == "False"
                    status: Degraded
                    message: "{status.conditions[type=Ready].message}"
                """);
        Path cert = Files.writeString(dir.resolve("cert.yaml"), """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: tls}
                status:
                  conditions: [{type: Ready, status: "False", message: "issuer not found"}]
                """);

        int exit = Main.run("health", "--rules", rules.toString(), cert.toString());

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo(cert + "\tDegraded\tissuer not found" + System.lineSeparator());
    }

    @Test
    void badRulesExit2WithTheReason(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "- kind: Thing\n  rules: [{status: Fine}]\n");

        int exit = Main.run("health", "--rules", rules.toString(), HEALTH.resolve("pod-succeeded.yaml").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("error: " + rules + ": entry 1 (Thing) rule 1: status \"Fine\" is unknown");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void withoutFilesItIsAUsageError() {
        int exit = Main.run("health");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("Missing required parameter: 'FILE'");
    }
}
