package dev.fairway.gitops.project;

import static dev.fairway.gitops.project.Projects.project;
import static dev.fairway.gitops.project.Projects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Destination;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.cluster.TrackingMethod;
import dev.fairway.gitops.render.ClusterScopedKinds;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanedResourcesTest {

    private static final ApplicationRef WEB = new ApplicationRef("web", "argocd", "team-a", List.of("https://x/r"),
            new Destination("https://kubernetes.default.svc", "", "team-a"));

    private static OrphanedResources orphans(String spec, Set<String> existingApps) {
        AppProject p = project("team-a", "  destinations: [{server: '*', namespace: 'team-a'}]\n" + spec);
        ProjectPolicy policy = new ProjectPolicy(p, ClusterLookup.inClusterOnly(), ResourceScopes.assumingNamespaced(ClusterScopedKinds.builtIn()), "argocd");
        return new OrphanedResources(policy, TrackingMethod.LABEL::applicationOf, existingApps::contains);
    }

    private static ObjectNode live(String apiVersion, String kind, String namespace, String name, String trackedBy,
            String uid, String ownerUid) {
        ObjectNode o = yaml("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: " + name
                + ", namespace: " + namespace + ", uid: " + uid + "}");
        if (trackedBy != null) {
            o.with("metadata").with("labels").put(TrackingMethod.INSTANCE_LABEL, trackedBy);
        }
        if (ownerUid != null) {
            o.with("metadata").putArray("ownerReferences").addObject().put("uid", ownerUid).put("kind", "Deployment");
        }
        return o;
    }

    private static List<ObjectNode> cluster() {
        return List.of(
                live("apps/v1", "Deployment", "team-a", "web", "web", "u1", null),
                live("apps/v1", "Deployment", "team-a", "api", "api", "u2", null),
                live("apps/v1", "Deployment", "team-a", "hand-made", null, "u3", null),
                live("apps/v1", "ReplicaSet", "team-a", "hand-made-5d8", null, "u4", "u3"),
                live("v1", "Pod", "team-a", "hand-made-5d8-x", null, "u5", "u4"),
                live("v1", "ConfigMap", "team-a", "left-over", "deleted-app", "u6", null),
                live("v1", "ServiceAccount", "team-a", "default", null, "u7", null),
                live("v1", "ConfigMap", "team-a", "kube-root-ca.crt", null, "u8", null),
                live("v1", "ConfigMap", "team-a", "istio-ca-root-cert", null, "u9", null),
                live("v1", "ConfigMap", "elsewhere", "other-namespace", null, "u10", null),
                live("apps/v1", "ReplicaSet", "team-a", "api-77f", null, "u11", "u2"));
    }

    @Test
    void reportsUnmanagedObjectsAndWhatTheyOwnButNotWhatKubernetesPutsInEveryNamespace() {
        OrphanReport report = orphans("  orphanedResources: {warn: true}\n", Set.of("web", "api"))
                .find(WEB, "web", cluster());
        assertThat(report.monitored()).isTrue();
        assertThat(report.orphans()).containsExactly(
                new ResourceKey("", "ConfigMap", "team-a", "istio-ca-root-cert"),
                new ResourceKey("", "ConfigMap", "team-a", "left-over"),
                new ResourceKey("", "Pod", "team-a", "hand-made-5d8-x"),
                new ResourceKey("apps", "Deployment", "team-a", "hand-made"),
                new ResourceKey("apps", "ReplicaSet", "team-a", "hand-made-5d8"));
        assertThat(report.warning()).contains("Application has 5 orphaned resources");
    }

    @Test
    void theIgnoreListLeavesObjectsOut() {
        OrphanReport report = orphans("""
                  orphanedResources:
                    warn: true
                    ignore:
                      - {kind: ConfigMap, name: 'istio-*'}
                      - {group: apps, kind: Deployment}
                """, Set.of("web", "api")).find(WEB, "web", cluster());
        assertThat(report.orphans()).containsExactly(new ResourceKey("", "ConfigMap", "team-a", "left-over"));
    }

    @Test
    void anIgnoreEntryWithoutGroupMeansTheCoreGroupOnly() {
        OrphanReport report = orphans("  orphanedResources: {ignore: [{kind: Deployment}]}\n", Set.of("web", "api"))
                .find(WEB, "web", cluster());
        assertThat(report.orphans()).contains(new ResourceKey("apps", "Deployment", "team-a", "hand-made"));
    }

    @Test
    void withoutWarnTheOrphansAreListedButNoConditionIsRaised() {
        OrphanReport report = orphans("  orphanedResources: {}\n", Set.of("web", "api")).find(WEB, "web", cluster());
        assertThat(report.orphans()).isNotEmpty();
        assertThat(report.warning()).isEmpty();
    }

    @Test
    void withoutOrphanedResourcesNothingIsLookedFor() {
        OrphanReport report = orphans("", Set.of("web", "api")).find(WEB, "web", cluster());
        assertThat(report.monitored()).isFalse();
        assertThat(report.orphans()).isEmpty();
    }

    @Test
    void objectsOfAnApplicationThatNoLongerExistsAreOrphans() {
        OrphanReport report = orphans("  orphanedResources: {}\n", Set.of("web")).find(WEB, "web", cluster());
        assertThat(report.orphans()).contains(new ResourceKey("apps", "Deployment", "team-a", "api"),
                new ResourceKey("apps", "ReplicaSet", "team-a", "api-77f"));
    }

    @Test
    void kindsTheProjectDoesNotPermitAreNotReported() {
        OrphanReport report = orphans("  orphanedResources: {}\n  namespaceResourceBlacklist: [{group: '', kind: ConfigMap}]\n",
                Set.of("web", "api")).find(WEB, "web", cluster());
        assertThat(report.orphans()).extracting(ResourceKey::kind).doesNotContain("ConfigMap");
    }

    @Test
    void theKubernetesServiceIsExpectedInTheDefaultNamespace() {
        ApplicationRef inDefault = new ApplicationRef("web", "argocd", "team-a", List.of(),
                new Destination("https://kubernetes.default.svc", "", "default"));
        AppProject p = project("team-a", "  destinations: [{server: '*', namespace: '*'}]\n  orphanedResources: {}\n");
        OrphanedResources finder = new OrphanedResources(new ProjectPolicy(p, ClusterLookup.inClusterOnly(),
                ResourceScopes.assumingNamespaced(ClusterScopedKinds.builtIn()), "argocd"), TrackingMethod.LABEL::applicationOf, a -> false);
        OrphanReport report = finder.find(inDefault, "web", List.of(live("v1", "Service", "default", "kubernetes", null, "k", null),
                live("v1", "Service", "default", "mine", null, "m", null)));
        assertThat(report.orphans()).containsExactly(new ResourceKey("", "Service", "default", "mine"));
    }
}
