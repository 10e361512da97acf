package dev.fairway.gitops.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class Fabric8ConnectorTest {

    private final Config engine = new ConfigBuilder(Config.empty()).withMasterUrl("https://10.96.0.1:443").withOauthToken("engine-token")
            .withCaCertData(ClusterSecretTest.CA).withRequestTimeout(12_345).build();
    private final Fabric8Connector connector = new Fabric8Connector(engine);

    @Test
    void takesServerTokenCaAndServerNameFromTheSecretAndTimeoutsFromTheEngine() {
        Config c = connector.config(new ClusterSecret("", "b", "https://b.example.com:6443", new ClusterConfig("b-token", "", "",
                new TlsClientConfig(false, "api.b", ClusterSecretTest.CA, "", ""), ""), List.of(), false, ""));
        assertThat(c.getMasterUrl()).startsWith("https://b.example.com:6443");
        assertThat(c.getOauthToken()).isEqualTo("b-token");
        assertThat(c.getCaCertData()).isEqualTo(ClusterSecretTest.CA);
        assertThat(c.getTlsServerName()).isEqualTo("api.b");
        assertThat(c.isTrustCerts()).isFalse();
        assertThat(c.getRequestTimeout()).isEqualTo(12_345);
    }

    @Test
    void insecureTrustsAnyCertificateAndBasicAuthIsPassedOn() {
        Config c = connector.config(new ClusterSecret("", "b", "https://b.example.com", new ClusterConfig("", "admin", "pw",
                new TlsClientConfig(true, "", "", "", ""), ""), List.of(), false, ""));
        assertThat(c.isTrustCerts()).isTrue();
        assertThat(c.isDisableHostnameVerification()).isTrue();
        assertThat(c.getUsername()).isEqualTo("admin");
        assertThat(c.getPassword()).isEqualTo("pw");
        assertThat(c.getOauthToken()).isNull();
    }

    @Test
    void anInClusterSecretWithATokenKeepsTheEnginesConnectionButNotItsToken() {
        Config c = connector.config(new ClusterSecret("", "hub", "https://kubernetes.default.svc",
                ClusterConfig.bearerToken("restricted", TlsClientConfig.NONE), List.of("argocd"), false, ""));
        assertThat(c.getMasterUrl()).startsWith("https://10.96.0.1:443");
        assertThat(c.getCaCertData()).isEqualTo(ClusterSecretTest.CA);
        assertThat(c.getOauthToken()).isEqualTo("restricted");
    }
}
