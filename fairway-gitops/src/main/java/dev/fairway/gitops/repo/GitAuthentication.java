package dev.fairway.gitops.repo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Puts one repository's credentials on a JGit command: a user name and password (or token) for
 * https, a private key for ssh through Apache MINA sshd (pure Java, so no ssh binary or native
 * library is needed). Closing it releases the ssh session factory.
 */
final class GitAuthentication implements AutoCloseable {

    private final SshdSessionFactory sshFactory;
    private final CredentialsProvider passwordProvider;

    private GitAuthentication(SshdSessionFactory sshFactory, CredentialsProvider passwordProvider) {
        this.sshFactory = sshFactory;
        this.passwordProvider = passwordProvider;
    }

    /**
     * @param knownHosts the ssh known_hosts files to check host keys against (ignored for
     *     credentials marked insecure)
     * @param sshHome an empty private directory sshd may treat as the user's home
     */
    static GitAuthentication of(RepositoryLocation location, Optional<GitCredentials> credentials,
            List<Path> knownHosts, Path sshHome) {
        if (credentials.isEmpty()) {
            return new GitAuthentication(null, null);
        }
        GitCredentials given = credentials.get();
        CredentialsProvider password = given.hasPassword() || given.username() != null
                ? new UsernamePasswordCredentialsProvider(given.username() == null ? "" : given.username(),
                        given.password() == null ? "" : given.password())
                : null;
        SshdSessionFactory ssh = null;
        if (given.hasSshKey()) {
            List<KeyPair> keys = parseKey(location, given);
            ServerKeyDatabase hostKeys = given.insecure() ? new AcceptAnyHostKey() : null;
            SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(sshHome.toFile())
                    .setSshDirectory(sshHome.resolve(".ssh").toFile())
                    .setPreferredAuthentications("publickey")
                    .setDefaultKeysProvider(directory -> keys)
                    .setDefaultKnownHostsFiles(directory -> knownHosts)
                    .setConfigFile(directory -> sshHome.resolve("no-ssh-config").toFile());
            if (hostKeys != null) {
                builder.setServerKeyDatabase((home, sshDir) -> hostKeys);
            }
            ssh = builder.build(null);
        }
        return new GitAuthentication(ssh, password);
    }

    <C extends TransportCommand<C, ?>> C applyTo(C command) {
        if (passwordProvider != null) {
            command.setCredentialsProvider(passwordProvider);
        }
        if (sshFactory != null) {
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport sshTransport) {
                    sshTransport.setSshSessionFactory(sshFactory);
                }
            });
        }
        return command;
    }

    @Override
    public void close() {
        if (sshFactory != null) {
            sshFactory.close();
        }
    }

    static Path privateHome(Path parent) throws IOException {
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "ssh-home-");
    }

    private static List<KeyPair> parseKey(RepositoryLocation location, GitCredentials credentials) {
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null,
                    NamedResource.ofName(credentials.source() + " sshPrivateKey"),
                    new ByteArrayInputStream(credentials.sshPrivateKey().getBytes(StandardCharsets.UTF_8)), null);
            List<KeyPair> keys = new ArrayList<>();
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new IOException("no key found in the text");
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new RepositoryException(RepositoryException.Reason.AUTHENTICATION_FAILED, location.requested(),
                    "repository " + location.describe() + ": the sshPrivateKey in Secret " + credentials.source()
                            + " cannot be read (" + e.getMessage() + "); give an unencrypted OpenSSH or PEM private"
                            + " key, as ssh-keygen writes it", e);
        }
    }

    /** Argo CD's {@code insecure: "true"}: the user chose to trust whichever host answers. */
    private static final class AcceptAnyHostKey implements ServerKeyDatabase {
        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return List.of();
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                Configuration config, CredentialsProvider provider) {
            return true;
        }
    }
}
