package dev.fairway.gitops.repo;

/**
 * Credentials for one repository, as Argo CD's repository Secrets carry them.
 *
 * @param source the Secret they came from ({@code namespace/name}), for messages
 * @param username for https; may be empty with a token as password
 * @param password for https (a password or a token)
 * @param sshPrivateKey an OpenSSH or PEM private key for ssh URLs
 * @param insecure skip the ssh host key check (Argo CD's {@code insecure: "true"})
 */
public record GitCredentials(String source, String username, String password, String sshPrivateKey,
        boolean insecure) {

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    public boolean hasSshKey() {
        return sshPrivateKey != null && !sshPrivateKey.isBlank();
    }

    /** Whether it carries anything to log in with (a Secret may only list a repository). */
    public boolean isEmpty() {
        return !hasPassword() && !hasSshKey() && (username == null || username.isEmpty());
    }

    @Override
    public String toString() {
        // Never print secrets, even in a debugger or a log line.
        return "GitCredentials[source=" + source + ", username=" + username + ", password="
                + (hasPassword() ? "***" : "") + ", sshPrivateKey=" + (hasSshKey() ? "***" : "") + ", insecure="
                + insecure + "]";
    }
}
