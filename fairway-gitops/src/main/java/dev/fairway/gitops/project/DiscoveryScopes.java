package dev.fairway.gitops.project;

import dev.fairway.kube.GroupKind;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ResourceScopes} from a cluster's discovery, read once and again when a kind is not
 * found (a CRD created since), at most every {@code minRefresh}: checking every object of every
 * sync must not cost a discovery round trip each.
 */
public final class DiscoveryScopes implements ResourceScopes {

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration minRefresh;
    private volatile Map<GroupKind, Scope> scopes = Map.of();
    private volatile Instant readAt = Instant.MIN;

    public DiscoveryScopes(KubernetesClient client, Clock clock, Duration minRefresh) {
        this.client = client;
        this.clock = clock;
        this.minRefresh = minRefresh;
    }

    @Override
    public Optional<Scope> scopeOf(GroupKind kind) {
        Scope known = scopes.get(kind);
        if (known != null) {
            return Optional.of(known);
        }
        refreshIfDue();
        return Optional.ofNullable(scopes.get(kind));
    }

    private synchronized void refreshIfDue() {
        Instant now = clock.instant();
        if (!readAt.equals(Instant.MIN) && now.isBefore(readAt.plus(minRefresh))) {
            return;
        }
        readAt = now;
        Map<GroupKind, Scope> read = new HashMap<>();
        try {
            add(read, "", client.getApiResources("v1"));
            for (APIGroup group : client.getApiGroups().getGroups()) {
                GroupVersionForDiscovery preferred = group.getPreferredVersion() != null ? group.getPreferredVersion()
                        : group.getVersions().isEmpty() ? null : group.getVersions().get(0);
                if (preferred != null) {
                    add(read, group.getName(), client.getApiResources(preferred.getGroupVersion()));
                }
            }
        } catch (KubernetesClientException e) {
            // keep what was known: a discovery hiccup must not turn every object into an unknown kind
            return;
        }
        scopes = Map.copyOf(read);
    }

    private static void add(Map<GroupKind, Scope> into, String group, APIResourceList list) {
        if (list == null || list.getResources() == null) {
            return;
        }
        for (APIResource r : list.getResources()) {
            if (r.getName() != null && !r.getName().contains("/")) { // subresources such as deployments/scale
                into.put(new GroupKind(group, r.getKind()), Boolean.TRUE.equals(r.getNamespaced()) ? Scope.NAMESPACED : Scope.CLUSTER);
            }
        }
    }
}
