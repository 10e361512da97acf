package dev.fairway.gitops.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigContextTest {

    static final String CA = ClusterSecretTest.CA;
    static final String KEY = ClusterSecretTest.KEY;

    @TempDir
    Path dir;

    private Path kubeconfig(String text) throws Exception {
        Path f = dir.resolve("config");
        Files.writeString(f, text);
        return f;
    }

    private static final String TWO_CONTEXTS = """
            apiVersion: v1
            kind: Config
            current-context: a
            clusters:
            - name: a-cluster
              cluster:
                server: https://a.example.com:6443/
                certificate-authority-data: %1$s
            - name: b-cluster
              cluster:
                server: https://b.example.com
                certificate-authority: pki/ca.crt
                tls-server-name: api.b
            users:
            - name: a-admin
              user:
                token: a-token
            - name: b-admin
              user:
                client-certificate: pki/client.crt
                client-key-data: %2$s
            contexts:
            - name: a
              context: {cluster: a-cluster, user: a-admin}
            - name: b
              context: {cluster: b-cluster, user: b-admin}
            """.formatted(CA, KEY);

    @Test
    void takesTheCurrentContextsServerCaAndToken() throws Exception {
        KubeconfigContext k = KubeconfigContext.read(kubeconfig(TWO_CONTEXTS), null);
        assertThat(k.contextName()).isEqualTo("a");
        assertThat(k.server()).isEqualTo("https://a.example.com:6443");
        assertThat(k.config().bearerToken()).isEqualTo("a-token");
        assertThat(k.config().tls().caData()).isEqualTo(CA);
        ClusterSecret s = k.toClusterSecret("prod", null, List.of("apps"), false);
        assertThat(s.name()).isEqualTo("prod");
        assertThat(s.server()).isEqualTo("https://a.example.com:6443");
        assertThat(s.namespaces()).containsExactly("apps");
        assertThat(ClusterSecret.parse(s.toSecret("argocd", "cluster-prod"))).as("what Argo CD reads back")
                .isEqualTo(new ClusterSecret("cluster-prod", "prod", s.server(), s.config(), List.of("apps"), false, ""));
    }

    @Test
    void inlinesFilesRelativeToTheKubeconfig() throws Exception {
        Files.createDirectories(dir.resolve("pki"));
        String pem = "-----BEGIN CERTIFICATE-----\nMIIBclient\n-----END CERTIFICATE-----\n";
        Files.writeString(dir.resolve("pki/ca.crt"), pem);
        Files.writeString(dir.resolve("pki/client.crt"), pem);
        KubeconfigContext k = KubeconfigContext.read(kubeconfig(TWO_CONTEXTS), "b");
        String b64 = Base64.getEncoder().encodeToString(pem.getBytes());
        assertThat(k.config().tls()).isEqualTo(new TlsClientConfig(false, "api.b", b64, b64, KEY));
        assertThat(k.config().bearerToken()).isEmpty();
        assertThat(k.toClusterSecret("b", "https://b.internal:443", List.of(), false).server()).isEqualTo("https://b.internal:443");
    }

    @Test
    void namesTheFileAndEntryOfEveryMistake() throws Exception {
        Path f = kubeconfig(TWO_CONTEXTS);
        assertThatThrownBy(() -> KubeconfigContext.read(f, "c")).isInstanceOf(ClusterSecretException.class)
                .hasMessage("kubeconfig " + f + ": no context \"c\"; it has: a, b");
        assertThatThrownBy(() -> KubeconfigContext.read(f, "b"))
                .hasMessage("kubeconfig " + f + ": cluster \"b-cluster\": certificate-authority " + dir.resolve("pki/ca.crt") + " cannot be read");
        assertThatThrownBy(() -> KubeconfigContext.read(f, null).toClusterSecret("x", "b.internal", List.of(), false))
                .hasMessageStartingWith("--server is \"b.internal\", not an http(s) URL");
        assertThatThrownBy(() -> KubeconfigContext.read(kubeconfig("clusters: [\n"), null))
                .hasMessageStartingWith("kubeconfig " + f + ": not valid YAML (line");
        assertThatThrownBy(() -> KubeconfigContext.read(kubeconfig(TWO_CONTEXTS.replace("current-context: a\n", "")), null))
                .hasMessage("kubeconfig " + f + ": has no current-context: choose one with --context (a, b)");
        assertThatThrownBy(() -> KubeconfigContext.read(kubeconfig(TWO_CONTEXTS.replace("cluster: a-cluster,", "cluster: gone,")), "a"))
                .hasMessage("kubeconfig " + f + ": context \"a\" names cluster \"gone\", which is not in clusters (a-cluster, b-cluster)");
        assertThatThrownBy(() -> KubeconfigContext.read(kubeconfig(TWO_CONTEXTS.replace("user: a-admin}", "user: nobody}")), "a"))
                .hasMessage("kubeconfig " + f + ": context \"a\" names user \"nobody\", which is not in users (a-admin, b-admin)");
        assertThatThrownBy(() -> KubeconfigContext.read(kubeconfig(TWO_CONTEXTS.replace("token: a-token", "username: bob")), "a"))
                .hasMessage("kubeconfig " + f + ": user \"a-admin\" has a username without a password");
        assertThatThrownBy(() -> KubeconfigContext.read(kubeconfig(TWO_CONTEXTS.replace("token: a-token", "as: somebody")), "a"))
                .hasMessageContaining("user \"a-admin\"").hasMessageContaining("has no token, client certificate or username");
        assertThatThrownBy(() -> KubeconfigContext.read(kubeconfig(TWO_CONTEXTS.replace("client-certificate: pki/client.crt\n", "")
                .replace("certificate-authority: pki/ca.crt", "insecure-skip-tls-verify: true")), "b"))
                .hasMessage("kubeconfig " + f + ": user \"b-admin\" has a client key without a certificate");
    }

    @Test
    void refusesCredentialsThatExpireSayingWhatToUseInstead() throws Exception {
        Path f = kubeconfig(TWO_CONTEXTS.replace("token: a-token", """
                exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      command: aws
                      args: [eks, get-token, --cluster-name, prod]"""));
        assertThatThrownBy(() -> KubeconfigContext.read(f, "a"))
                .hasMessageStartingWith("kubeconfig " + f + ": user \"a-admin\" gets its credentials from the command \"aws\" (exec), "
                        + "which a Secret cannot store: create a ServiceAccount");
        Path g = kubeconfig(TWO_CONTEXTS.replace("token: a-token", "auth-provider: {name: oidc}"));
        assertThatThrownBy(() -> KubeconfigContext.read(g, "a")).hasMessageContaining("uses the auth-provider \"oidc\"");
    }
}
