package dev.fairway.gitops.clusters;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Builds the client for a registered cluster; the registry owns and closes what it returns. */
@FunctionalInterface
public interface ClusterConnector {

    KubernetesClient connect(ClusterSecret cluster);
}
