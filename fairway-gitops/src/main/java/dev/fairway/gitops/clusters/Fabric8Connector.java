package dev.fairway.gitops.clusters;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Builds a fabric8 client from a cluster Secret as Argo CD builds its REST config: the server URL,
 * bearer token or basic auth or client certificate, the CA (or {@code insecure}), the TLS server
 * name and proxy. Timeouts follow the engine's own client. For {@code https://kubernetes.default.svc}
 * with credentials, the engine's connection is used with those credentials instead of its own.
 */
public final class Fabric8Connector implements ClusterConnector {

    private final Config engine;

    public Fabric8Connector(Config engine) {
        this.engine = engine;
    }

    @Override
    public KubernetesClient connect(ClusterSecret cluster) {
        return new KubernetesClientBuilder().withConfig(config(cluster)).build();
    }

    /** The client configuration for a cluster; never reads ~/.kube/config or the environment. */
    Config config(ClusterSecret cluster) {
        ClusterConfig c = cluster.config();
        ConfigBuilder b;
        if (cluster.isInCluster()) {
            b = new ConfigBuilder(engine).withOauthToken(null).withUsername(null).withPassword(null)
                    .withOauthTokenProvider(null).withAutoOAuthToken(null);
        } else {
            TlsClientConfig tls = c.tls();
            b = new ConfigBuilder(Config.empty()).withMasterUrl(cluster.server())
                    .withTrustCerts(tls.insecure()).withDisableHostnameVerification(tls.insecure())
                    .withConnectionTimeout(engine.getConnectionTimeout()).withRequestTimeout(engine.getRequestTimeout());
            if (!tls.caData().isEmpty()) {
                b.withCaCertData(tls.caData());
            }
            if (!tls.serverName().isEmpty()) {
                b.withTlsServerName(tls.serverName());
            }
            if (tls.hasClientCertificate()) {
                b.withClientCertData(tls.certData()).withClientKeyData(tls.keyData())
                        .withClientKeyAlgo(Config.getKeyAlgorithm(null, tls.keyData()));
            }
            if (!c.proxyUrl().isEmpty()) {
                b.withHttpsProxy(c.proxyUrl()).withHttpProxy(c.proxyUrl());
            }
        }
        if (!c.bearerToken().isEmpty()) {
            b.withOauthToken(c.bearerToken());
        }
        if (!c.username().isEmpty()) {
            b.withUsername(c.username()).withPassword(c.password());
        }
        return b.build();
    }
}
