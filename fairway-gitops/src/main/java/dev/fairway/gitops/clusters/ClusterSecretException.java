package dev.fairway.gitops.clusters;

/**
 * A cluster Secret (or a kubeconfig meant to become one) that Fairway cannot use. The message
 * names the Secret or file, the key, what is wrong and what to do.
 */
public final class ClusterSecretException extends IllegalArgumentException {

    public ClusterSecretException(String message) {
        super(message);
    }
}
