package dev.fairway.gitops.clusters;

import java.time.Instant;

/**
 * Whether the engine could reach a cluster the last time it tried, as Argo CD reports it in a
 * cluster's {@code connectionState}.
 *
 * @param status Successful, Failed or Unknown (not tried yet)
 * @param message why it failed, "" when it did not
 * @param serverVersion the cluster's Kubernetes version ({@code gitVersion}), "" when unknown
 * @param attemptedAt when the engine tried
 */
public record ConnectionState(Status status, String message, String serverVersion, Instant attemptedAt) {

    /** Argo CD's connection statuses, spelled as Argo CD spells them. */
    public enum Status { Successful, Failed, Unknown }

    public boolean successful() {
        return status == Status.Successful;
    }
}
