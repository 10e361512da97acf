/**
 * The clusters an engine deploys to (Argo CD's "hub"): clusters are registered as Secrets labelled
 * {@code argocd.argoproj.io/secret-type: cluster} in the engine's namespace, exactly as Argo CD
 * keeps them, so a hub set up for Argo CD works unchanged.
 *
 * <ul>
 *   <li>{@link dev.fairway.gitops.clusters.ClusterSecret} reads and writes one such Secret
 *       ({@code name}, {@code server}, {@code config}, {@code namespaces},
 *       {@code clusterResources}, {@code project}); {@link dev.fairway.gitops.clusters.ClusterConfig}
 *       and {@link dev.fairway.gitops.clusters.TlsClientConfig} are its {@code config} JSON. Exec and
 *       AWS authentication are refused with what to use instead.</li>
 *   <li>{@link dev.fairway.gitops.clusters.KubeconfigContext} turns a kubeconfig context into such
 *       a Secret ({@code fairway cluster add}).</li>
 *   <li>{@link dev.fairway.gitops.clusters.ClusterRegistry} watches the Secrets, resolves an
 *       application's destination with Argo CD's rules and messages, hands out one client per
 *       cluster ({@link dev.fairway.gitops.clusters.RegisteredCluster#client()}), and tells
 *       listeners about every {@link dev.fairway.gitops.clusters.ClusterChange}. It is also the
 *       {@link dev.fairway.gitops.project.ClusterLookup} of the project checks.</li>
 *   <li>{@link dev.fairway.gitops.clusters.ConnectionProbe} gives a cluster's
 *       {@link dev.fairway.gitops.clusters.ConnectionState} (Successful / Failed, with why).</li>
 * </ul>
 *
 * <p>{@code https://kubernetes.default.svc} (name {@code in-cluster}) is the cluster the engine
 * runs in and uses the engine's own client, unless a Secret registers that URL (then the Secret's
 * name, namespaces and credentials apply).
 */
package dev.fairway.gitops.clusters;
