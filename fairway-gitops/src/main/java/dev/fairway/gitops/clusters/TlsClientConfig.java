package dev.fairway.gitops.clusters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;

/**
 * {@code config.tlsClientConfig} of an Argo CD cluster Secret. The certificates and the key are
 * kept as Argo CD stores them: base64 of the PEM text (Go's JSON encoding of a byte slice), which
 * is also what fabric8's {@code caCertData}, {@code clientCertData} and {@code clientKeyData} take.
 *
 * @param insecure skip verifying the server's certificate (testing only)
 * @param serverName the name to check the server's certificate against (and send as SNI), "" for the URL's host
 * @param caData base64 PEM of the CA bundle, "" for the JVM's trust store
 * @param certData base64 PEM of the client certificate, "" for none
 * @param keyData base64 PEM of the client key, "" for none
 */
public record TlsClientConfig(boolean insecure, String serverName, String caData, String certData, String keyData) {

    public static final TlsClientConfig NONE = new TlsClientConfig(false, "", "", "", "");

    public TlsClientConfig {
        serverName = serverName == null ? "" : serverName;
        caData = caData == null ? "" : caData;
        certData = certData == null ? "" : certData;
        keyData = keyData == null ? "" : keyData;
    }

    public boolean hasClientCertificate() {
        return !certData.isEmpty();
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        // Argo CD always writes "insecure" (no omitempty) and leaves the empty ones out.
        o.put("insecure", insecure);
        putIfSet(o, "serverName", serverName);
        putIfSet(o, "certData", certData);
        putIfSet(o, "keyData", keyData);
        putIfSet(o, "caData", caData);
        return o;
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (!value.isEmpty()) {
            o.put(field, value);
        }
    }

    /** Leaves the key out: these records end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "TlsClientConfig[insecure=" + insecure + ", serverName=" + serverName + ", caData=" + (caData.isEmpty() ? "" : "(set)")
                + ", certData=" + (certData.isEmpty() ? "" : "(set)") + ", keyData=" + (keyData.isEmpty() ? "" : "(hidden)") + "]";
    }
}
