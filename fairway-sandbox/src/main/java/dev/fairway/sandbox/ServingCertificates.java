package dev.fairway.sandbox;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's TLS identity: a cluster CA and a serving certificate for 127.0.0.1/localhost,
 * created on first start and kept in {@code DIR/pki}. kubectl sends bearer tokens only over TLS,
 * and verifies the server against the CA that the kubeconfig carries.
 */
public final class ServingCertificates {

    private final X509Certificate ca;
    private final X509Certificate server;
    private final PrivateKey serverKey;

    private ServingCertificates(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
        this.ca = ca;
        this.server = server;
        this.serverKey = serverKey;
    }

    public static ServingCertificates loadOrCreate(Path dir) throws IOException {
        Path caFile = dir.resolve("ca.crt");
        Path certFile = dir.resolve("server.crt");
        Path keyFile = dir.resolve("server.key");
        try {
            if (Files.exists(caFile) && Files.exists(certFile) && Files.exists(keyFile)) {
                ServingCertificates c = new ServingCertificates(readCert(caFile), readCert(certFile), readKey(keyFile));
                if (c.server.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30)))) {
                    return c;
                }
            }
            ServingCertificates c = create();
            AtomicFiles.write(caFile, pem(c.ca), false);
            AtomicFiles.write(certFile, pem(c.server), false);
            AtomicFiles.write(keyFile, pkcs8(c.serverKey), true);
            return c;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create the sandbox's TLS certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ServingCertificates create() throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair caKeys = gen.generateKeyPair();
        KeyPair serverKeys = gen.generateKeyPair();
        Instant now = Instant.now();
        Date from = Date.from(now.minus(Duration.ofHours(1)));
        Date to = Date.from(now.plus(Duration.ofDays(3650)));
        X500Name caName = new X500Name("CN=fairway-sandbox-ca");
        JcaX509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(), from, to, caName, caKeys.getPublic());
        caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        X509Certificate ca = sign(caBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        JcaX509v3CertificateBuilder srv = new JcaX509v3CertificateBuilder(caName, serial(), from, to,
                new X500Name("CN=kube-apiserver"), serverKeys.getPublic());
        srv.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        srv.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        srv.addExtension(Extension.extendedKeyUsage, false,
                new org.bouncycastle.asn1.x509.ExtendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth));
        srv.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
        }));
        X509Certificate server = sign(srv.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        return new ServingCertificates(ca, server, serverKeys.getPrivate());
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    /** A key store holding the serving key and chain, for the HTTPS connector. */
    public KeyStore keyStore(char[] password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("sandbox", serverKey, password, new java.security.cert.Certificate[] {server, ca});
        return ks;
    }

    /** The CA certificate as PEM text. */
    public String caPem() throws IOException {
        return new String(pem(ca), StandardCharsets.US_ASCII);
    }

    /** The CA certificate, PEM, base64 as kubeconfig's certificate-authority-data wants it. */
    public String caData() throws IOException {
        return java.util.Base64.getEncoder().encodeToString(pem(ca));
    }

    private static byte[] pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** PKCS#8 ("BEGIN PRIVATE KEY"), which keeps EC keys readable by every tool. */
    private static byte[] pkcs8(PrivateKey key) {
        String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return ("-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static X509Certificate readCert(Path p) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(p)))) {
            return sign((X509CertificateHolder) parser.readObject());
        }
    }

    private static PrivateKey readKey(Path p) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(p)))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            return conv.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) o);
        }
    }
}
