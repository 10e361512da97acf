package dev.fairway.gitops.clusters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Destination;
import dev.fairway.kube.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cluster registered the Argo CD way: a Secret labelled {@code argocd.argoproj.io/secret-type:
 * cluster} in the engine's namespace with the keys {@code name}, {@code server}, {@code config}
 * (JSON: {@link ClusterConfig}), {@code namespaces} (comma list), {@code clusterResources}
 * ({@code "true"}) and {@code project}.
 *
 * @param secretName the Secret's name ("" when the record was not read from a Secret)
 * @param name the cluster's name, what {@code destination.name} refers to (the server when the Secret has none)
 * @param server the API server URL without a trailing slash, what {@code destination.server} refers to
 * @param config how to authenticate
 * @param namespaces the only namespaces Fairway may use there; empty for the whole cluster
 * @param clusterResources with {@code namespaces}: whether cluster-scoped objects may still be managed
 * @param project the AppProject the cluster belongs to, "" when it is shared
 */
public record ClusterSecret(String secretName, String name, String server, ClusterConfig config, List<String> namespaces,
        boolean clusterResources, String project) {

    public static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";
    public static final String SECRET_TYPE = "cluster";

    public ClusterSecret {
        secretName = secretName == null ? "" : secretName;
        server = server == null ? "" : trimSlashes(server);
        name = name == null || name.isEmpty() ? server : name;
        config = config == null ? ClusterConfig.NONE : config;
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        project = project == null ? "" : project;
    }

    /**
     * Reads a cluster Secret as the API server returns it ({@code data}, base64) or as it is
     * written in a manifest ({@code stringData}, which wins where both have a key).
     *
     * @throws ClusterSecretException naming the Secret and the key, saying what to do
     */
    public static ClusterSecret parse(JsonNode secret) {
        String ref = "cluster Secret " + reference(secret);
        if (!"Secret".equals(secret.path("kind").asText("Secret"))) {
            throw new ClusterSecretException(ref + ": is a " + secret.path("kind").asText() + ", not a Secret");
        }
        String type = secret.path("metadata").path("labels").path(SECRET_TYPE_LABEL).asText("");
        if (!SECRET_TYPE.equals(type)) {
            throw new ClusterSecretException(ref + ": label " + SECRET_TYPE_LABEL + " is \"" + type + "\"; a cluster Secret needs \""
                    + SECRET_TYPE + "\"");
        }
        Map<String, String> data = data(secret, ref);
        String server = data.getOrDefault("server", "").trim();
        if (server.isEmpty()) {
            throw new ClusterSecretException(ref + ": key \"server\" is missing: give the cluster's API server URL, e.g. https://10.0.0.1:6443");
        }
        checkUrl(ref + ": key \"server\"", server);
        ClusterConfig config = ClusterConfigJson.parse(ref + ": key \"config\"", data.getOrDefault("config", ""));
        List<String> namespaces = new ArrayList<>();
        for (String ns : data.getOrDefault("namespaces", "").split(",")) {
            if (!ns.isBlank()) {
                namespaces.add(ns.trim());
            }
        }
        // Argo CD: only the exact text "true" turns it on.
        boolean clusterResources = "true".equals(data.get("clusterResources"));
        return new ClusterSecret(secret.path("metadata").path("name").asText(""), data.getOrDefault("name", "").trim(), server, config,
                namespaces, clusterResources, data.getOrDefault("project", "").trim());
    }

    /** True when this is the cluster the engine runs in, by Argo CD's fixed URL. */
    public boolean isInCluster() {
        return Destination.IN_CLUSTER_SERVER.equals(server);
    }

    /**
     * The Secret Argo CD (and Fairway) read this cluster from, with its values base64 in
     * {@code data} as the API server keeps them.
     */
    public ObjectNode toSecret(String namespace, String secretName) {
        ObjectNode s = Json.object();
        s.put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode meta = s.putObject("metadata");
        meta.put("name", secretName);
        if (namespace != null && !namespace.isEmpty()) {
            meta.put("namespace", namespace);
        }
        meta.putObject("labels").put(SECRET_TYPE_LABEL, SECRET_TYPE);
        s.put("type", "Opaque");
        ObjectNode d = s.putObject("data");
        putBase64(d, "name", name);
        putBase64(d, "server", server);
        putBase64(d, "config", Json.write(config.toJson()));
        if (!namespaces.isEmpty()) {
            putBase64(d, "namespaces", String.join(",", namespaces));
        }
        if (clusterResources) {
            putBase64(d, "clusterResources", "true");
        }
        if (!project.isEmpty()) {
            putBase64(d, "project", project);
        }
        return s;
    }

    /**
     * A Secret name for a cluster name: {@code cluster-NAME} made a valid object name (lower case,
     * letters, digits, '-' and '.').
     */
    public static String secretNameFor(String clusterName) {
        String n = clusterName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        String full = "cluster-" + (n.isEmpty() ? "unnamed" : n);
        return full.length() <= 253 ? full : full.substring(0, 253).replaceAll("[-.]+$", "");
    }

    private static void putBase64(ObjectNode d, String key, String value) {
        d.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> data(JsonNode secret, String ref) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode data = secret.path("data");
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                continue;
            }
            try {
                out.put(e.getKey(), new String(ClusterSecret.decodeBase64(e.getValue().asText()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException bad) {
                throw new ClusterSecretException(ref + ": data key \"" + e.getKey() + "\" is not base64 (" + bad.getMessage()
                        + "): encode it, or write it under stringData as plain text");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = secret.path("stringData").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    /** Strict base64 (the MIME decoder would skip stray characters), allowing line breaks. */
    static byte[] decodeBase64(String text) {
        return Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
    }

    static void checkUrl(String what, String server) {
        try {
            URI uri = new URI(server);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new ClusterSecretException(what + " is \"" + server + "\", not an http(s) URL with a host: give the API server URL, "
                        + "e.g. https://10.0.0.1:6443");
            }
        } catch (URISyntaxException e) {
            throw new ClusterSecretException(what + " is \"" + server + "\", not a URL (" + e.getReason()
                    + "): give the API server URL, e.g. https://10.0.0.1:6443");
        }
    }

    static String reference(JsonNode secret) {
        String ns = secret.path("metadata").path("namespace").asText("");
        String name = secret.path("metadata").path("name").asText("");
        return (ns.isEmpty() ? "" : ns + "/") + (name.isEmpty() ? "(no name)" : name);
    }

    private static String trimSlashes(String server) {
        return server.replaceAll("/+$", "");
    }

    /** The parts of {@code config} Fairway reads, with the errors for the rest. */
    static final class ClusterConfigJson {

        private ClusterConfigJson() {}

        static ClusterConfig parse(String where, String text) {
            if (text.isBlank()) {
                return ClusterConfig.NONE;
            }
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new ClusterSecretException(where + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + "): it should look like "
                        + "{\"bearerToken\": \"...\", \"tlsClientConfig\": {\"caData\": \"...\"}}");
            }
            if (!json.isObject()) {
                throw new ClusterSecretException(where + " must be a JSON object, like {\"bearerToken\": \"...\", \"tlsClientConfig\": {...}}");
            }
            JsonNode exec = json.path("execProviderConfig");
            if (!exec.isMissingNode() && !exec.isNull()) {
                throw new ClusterSecretException(where + " uses execProviderConfig (command \"" + exec.path("command").asText("")
                        + "\"), which Fairway does not support yet: give the cluster a ServiceAccount token as \"bearerToken\", "
                        + "or a client certificate as tlsClientConfig.certData and keyData");
            }
            JsonNode aws = json.path("awsAuthConfig");
            if (!aws.isMissingNode() && !aws.isNull()) {
                throw new ClusterSecretException(where + " uses awsAuthConfig (EKS cluster \"" + aws.path("clusterName").asText("")
                        + "\"), which Fairway does not support yet: create a ServiceAccount in that cluster with the access Fairway "
                        + "needs, bind it (e.g. to cluster-admin), and put a token of it (kubectl create token NAME --duration=8760h, or a "
                        + "kubernetes.io/service-account-token Secret) in \"bearerToken\" with the cluster's CA in tlsClientConfig.caData");
            }
            String username = string(where, json, "username");
            String password = string(where, json, "password");
            if (username.isEmpty() != password.isEmpty()) {
                throw new ClusterSecretException(where + " has " + (username.isEmpty() ? "password" : "username")
                        + " without " + (username.isEmpty() ? "username" : "password") + ": basic authentication needs both");
            }
            JsonNode tlsNode = json.path("tlsClientConfig");
            TlsClientConfig tls = TlsClientConfig.NONE;
            if (!tlsNode.isMissingNode() && !tlsNode.isNull()) {
                if (!tlsNode.isObject()) {
                    throw new ClusterSecretException(where + ": tlsClientConfig must be an object with insecure, caData, certData, "
                            + "keyData, serverName");
                }
                String tlsWhere = where + ": tlsClientConfig";
                JsonNode insecure = tlsNode.path("insecure");
                if (!insecure.isMissingNode() && !insecure.isNull() && !insecure.isBoolean()) {
                    throw new ClusterSecretException(tlsWhere + ".insecure must be true or false, not " + insecure);
                }
                tls = new TlsClientConfig(insecure.asBoolean(false), string(tlsWhere, tlsNode, "serverName"),
                        pem(tlsWhere, tlsNode, "caData"), pem(tlsWhere, tlsNode, "certData"), pem(tlsWhere, tlsNode, "keyData"));
                if (tls.certData().isEmpty() != tls.keyData().isEmpty()) {
                    throw new ClusterSecretException(tlsWhere + " has " + (tls.certData().isEmpty() ? "keyData without certData"
                            : "certData without keyData") + ": a client certificate needs both");
                }
            }
            String proxy = string(where, json, "proxyUrl");
            if (!proxy.isEmpty()) {
                checkUrl(where + ": proxyUrl", proxy);
            }
            return new ClusterConfig(string(where, json, "bearerToken"), username, password, tls, proxy);
        }

        private static String string(String where, JsonNode o, String field) {
            JsonNode v = o.path(field);
            if (v.isMissingNode() || v.isNull()) {
                return "";
            }
            if (!v.isTextual()) {
                throw new ClusterSecretException(where + ": " + field + " must be a string, not " + v.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            return v.asText();
        }

        /** Base64 of PEM text, as Go encodes a byte slice; checked here so that a bad one fails with its name. */
        private static String pem(String where, JsonNode o, String field) {
            String v = string(where, o, field).trim();
            if (v.isEmpty()) {
                return "";
            }
            String decoded;
            try {
                decoded = new String(ClusterSecret.decodeBase64(v), StandardCharsets.US_ASCII);
            } catch (IllegalArgumentException e) {
                throw new ClusterSecretException(where + "." + field + " is not base64: encode the PEM file, e.g. base64 -w0 ca.crt");
            }
            if (!decoded.contains("-----BEGIN ")) {
                throw new ClusterSecretException(where + "." + field + " is base64 but not of PEM text (no \"-----BEGIN\" line): "
                        + "encode the PEM file itself, e.g. base64 -w0 ca.crt");
            }
            return v;
        }
    }
}
