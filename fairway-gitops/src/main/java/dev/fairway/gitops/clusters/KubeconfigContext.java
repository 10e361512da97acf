package dev.fairway.gitops.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One context of a kubeconfig file, turned into a cluster Secret for {@code fairway cluster add}:
 * the server and CA of its cluster, the token, client certificate or user and password of its
 * user. Files the kubeconfig points to are read (relative to the kubeconfig's directory) and
 * inlined, because the Secret must carry everything itself. Exec and auth-provider users are
 * refused: their credentials expire and cannot be stored.
 *
 * @param file the kubeconfig, for messages and relative paths
 * @param contextName the context used
 * @param clusterEntry the kubeconfig cluster entry's name
 * @param server the cluster's API server URL
 * @param config the credentials and TLS settings
 */
public record KubeconfigContext(Path file, String contextName, String clusterEntry, String server, ClusterConfig config) {

    /**
     * Reads a context of a kubeconfig.
     *
     * @param context the context's name, or null for the file's {@code current-context}
     * @throws ClusterSecretException naming the file, the entry and what to do
     * @throws IOException when the file (or one it points to) cannot be read
     */
    public static KubeconfigContext read(Path file, String context) throws IOException {
        String where = "kubeconfig " + file;
        JsonNode root;
        try {
            root = Json.YAML.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ClusterSecretException(where + ": not valid YAML (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ClusterSecretException(where + ": empty, or not a kubeconfig (no clusters, users, contexts)");
        }
        String ctxName = context == null || context.isEmpty() ? root.path("current-context").asText("") : context;
        if (ctxName.isEmpty()) {
            throw new ClusterSecretException(where + ": has no current-context: choose one with --context ("
                    + String.join(", ", names(root.path("contexts"))) + ")");
        }
        JsonNode ctx = entry(root.path("contexts"), ctxName);
        if (ctx == null) {
            throw new ClusterSecretException(where + ": no context \"" + ctxName + "\"; it has: " + String.join(", ", names(root.path("contexts"))));
        }
        String clusterName = ctx.path("context").path("cluster").asText("");
        String userName = ctx.path("context").path("user").asText("");
        JsonNode cluster = entry(root.path("clusters"), clusterName);
        if (cluster == null) {
            throw new ClusterSecretException(where + ": context \"" + ctxName + "\" names cluster \"" + clusterName
                    + "\", which is not in clusters (" + String.join(", ", names(root.path("clusters"))) + ")");
        }
        JsonNode c = cluster.path("cluster");
        String server = c.path("server").asText("").trim();
        if (server.isEmpty()) {
            throw new ClusterSecretException(where + ": cluster \"" + clusterName + "\" has no server URL");
        }
        ClusterSecret.checkUrl(where + ": cluster \"" + clusterName + "\": server", server);
        Path dir = file.toAbsolutePath().getParent();
        String clusterWhere = where + ": cluster \"" + clusterName + "\"";
        TlsClientConfig tlsNoClient = new TlsClientConfig(c.path("insecure-skip-tls-verify").asBoolean(false),
                c.path("tls-server-name").asText(""),
                pem(clusterWhere, dir, c, "certificate-authority-data", "certificate-authority"), "", "");
        ClusterConfig config;
        if (userName.isEmpty()) {
            config = new ClusterConfig("", "", "", tlsNoClient, c.path("proxy-url").asText(""));
        } else {
            JsonNode user = entry(root.path("users"), userName);
            if (user == null) {
                throw new ClusterSecretException(where + ": context \"" + ctxName + "\" names user \"" + userName
                        + "\", which is not in users (" + String.join(", ", names(root.path("users"))) + ")");
            }
            config = credentials(where + ": user \"" + userName + "\"", dir, user.path("user"), tlsNoClient, c.path("proxy-url").asText(""));
        }
        return new KubeconfigContext(file, ctxName, clusterName, server.replaceAll("/+$", ""), config);
    }

    /**
     * The cluster Secret for this context.
     *
     * @param name the cluster's name in Fairway
     * @param serverOverride the URL the engine reaches the cluster at when it differs from the kubeconfig's, or null
     * @param namespaces the namespaces Fairway may use, empty for the whole cluster
     * @param clusterResources with namespaces: whether cluster-scoped objects may still be managed
     */
    public ClusterSecret toClusterSecret(String name, String serverOverride, List<String> namespaces, boolean clusterResources) {
        String url = server;
        if (serverOverride != null && !serverOverride.isEmpty()) {
            ClusterSecret.checkUrl("--server", serverOverride);
            url = serverOverride;
        }
        return new ClusterSecret("", name, url, config, namespaces, clusterResources, "");
    }

    private static ClusterConfig credentials(String where, Path dir, JsonNode u, TlsClientConfig tls, String proxy) throws IOException {
        if (u.has("exec")) {
            throw new ClusterSecretException(where + " gets its credentials from the command \"" + u.path("exec").path("command").asText("")
                    + "\" (exec), which a Secret cannot store: create a ServiceAccount in the cluster, bind it to a role with the access "
                    + "Fairway needs, and use a context whose user has its token (kubectl create token NAME --duration=8760h)");
        }
        if (u.has("auth-provider")) {
            throw new ClusterSecretException(where + " uses the auth-provider \"" + u.path("auth-provider").path("name").asText("")
                    + "\", whose tokens expire: use a context whose user has a ServiceAccount token or a client certificate");
        }
        String token = u.path("token").asText("");
        if (token.isEmpty() && u.has("tokenFile")) {
            token = Files.readString(resolve(dir, u.path("tokenFile").asText())).trim();
        }
        String cert = pem(where, dir, u, "client-certificate-data", "client-certificate");
        String key = pem(where, dir, u, "client-key-data", "client-key");
        if (cert.isEmpty() != key.isEmpty()) {
            throw new ClusterSecretException(where + " has a client " + (cert.isEmpty() ? "key without a certificate" : "certificate without a key"));
        }
        String username = u.path("username").asText("");
        String password = u.path("password").asText("");
        if (username.isEmpty() != password.isEmpty()) {
            throw new ClusterSecretException(where + " has a " + (username.isEmpty() ? "password without a username" : "username without a password"));
        }
        if (token.isEmpty() && cert.isEmpty() && username.isEmpty()) {
            throw new ClusterSecretException(where + " has no token, client certificate or username: Fairway would reach the cluster "
                    + "anonymously; use a context whose user has credentials");
        }
        return new ClusterConfig(token, username, password,
                new TlsClientConfig(tls.insecure(), tls.serverName(), tls.caData(), cert, key), proxy);
    }

    /** The base64 PEM of an inline {@code *-data} field, or of the file its sibling names. */
    private static String pem(String where, Path dir, JsonNode o, String dataField, String fileField) throws IOException {
        String data = o.path(dataField).asText("").trim();
        if (!data.isEmpty()) {
            try {
                ClusterSecret.decodeBase64(data);
            } catch (IllegalArgumentException e) {
                throw new ClusterSecretException(where + ": " + dataField + " is not base64");
            }
            return data;
        }
        String f = o.path(fileField).asText("");
        if (f.isEmpty()) {
            return "";
        }
        Path p = resolve(dir, f);
        if (!Files.isReadable(p)) {
            throw new ClusterSecretException(where + ": " + fileField + " " + p + " cannot be read");
        }
        return Base64.getEncoder().encodeToString(Files.readAllBytes(p));
    }

    private static Path resolve(Path dir, String f) {
        Path p = Path.of(f);
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }

    private static JsonNode entry(JsonNode list, String name) {
        for (JsonNode e : list) {
            if (name.equals(e.path("name").asText())) {
                return e;
            }
        }
        return null;
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(e -> out.add(e.path("name").asText()));
        return out.isEmpty() ? List.of("none") : out;
    }
}
