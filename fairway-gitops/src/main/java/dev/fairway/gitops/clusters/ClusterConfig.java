package dev.fairway.gitops.clusters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;

/**
 * The {@code config} key of an Argo CD cluster Secret: how to authenticate to the cluster's API
 * server. Only the ways Fairway can use are here; {@code execProviderConfig} and
 * {@code awsAuthConfig} are refused when the Secret is read.
 *
 * @param bearerToken a bearer token (a ServiceAccount's, typically), "" for none
 * @param username basic authentication, "" for none
 * @param password basic authentication, "" for none
 * @param tls the TLS settings
 * @param proxyUrl an HTTP(S) proxy to reach the server through, "" for none
 */
public record ClusterConfig(String bearerToken, String username, String password, TlsClientConfig tls, String proxyUrl) {

    public static final ClusterConfig NONE = new ClusterConfig("", "", "", TlsClientConfig.NONE, "");

    public ClusterConfig {
        bearerToken = bearerToken == null ? "" : bearerToken;
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        tls = tls == null ? TlsClientConfig.NONE : tls;
        proxyUrl = proxyUrl == null ? "" : proxyUrl;
    }

    public static ClusterConfig bearerToken(String token, TlsClientConfig tls) {
        return new ClusterConfig(token, "", "", tls, "");
    }

    /** True when the config says who to be (token, user and password, or client certificate). */
    public boolean hasCredentials() {
        return !bearerToken.isEmpty() || !username.isEmpty() || tls.hasClientCertificate();
    }

    /** The JSON Argo CD keeps in the Secret's {@code config} key. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (!username.isEmpty()) {
            o.put("username", username);
        }
        if (!password.isEmpty()) {
            o.put("password", password);
        }
        if (!bearerToken.isEmpty()) {
            o.put("bearerToken", bearerToken);
        }
        o.set("tlsClientConfig", tls.toJson());
        if (!proxyUrl.isEmpty()) {
            o.put("proxyUrl", proxyUrl);
        }
        return o;
    }

    /** Leaves the token and the password out: these records end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "ClusterConfig[bearerToken=" + (bearerToken.isEmpty() ? "" : "(hidden)") + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "(hidden)") + ", tls=" + tls + ", proxyUrl=" + proxyUrl + "]";
    }
}
