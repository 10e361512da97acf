package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.sandbox.Sandbox;
import dev.fairway.server.ui.AdminAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AdminCommandIT {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new AdminCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void resetPasswordPrintsANewPasswordThatSignsIn() throws Exception {
        try (Sandbox sandbox = Sandbox.start(new Sandbox.Config("admin", dir.resolve("sandbox"), 0, null, false));
             KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build();
             AdminAccount account = new AdminAccount(client, "argocd")) {
            String first = AdminAccount.ensure(client, "argocd").orElseThrow();
            Run r = run("reset-password", "--kubeconfig", sandbox.kubeconfig().toString());
            assertThat(r.code()).as(r.err()).isZero();
            String[] lines = r.out().strip().split("\n");
            String password = lines[lines.length - 1].strip();
            assertThat(password).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(20);
            account.start();
            assertThat(account.verify("admin", password)).isTrue();
            assertThat(account.verify("admin", first)).as("the old password no longer works").isFalse();
        }
    }

    @Test
    void anUnreachableClusterIsAClearError() throws Exception {
        Path bad = dir.resolve("kubeconfig");
        Files.writeString(bad, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                """);
        Run r = run("reset-password", "--kubeconfig", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot reset the password through " + bad).contains("is the cluster running?");
        Run missing = run("reset-password", "--kubeconfig", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope");
    }
}
