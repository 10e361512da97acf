package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.Meta;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assesses the health of live objects as Argo CD does: picks the {@link HealthCheck} registered
 * for the object's group and kind (any version) and applies the rules that hold for every kind.
 * Immutable; {@link #withCheck} and {@link #withCustomRules} return new assessors.
 */
public final class HealthAssessor {

    /** Lets a user opt a resource out of its application's health. */
    public static final String IGNORE_HEALTHCHECK_ANNOTATION = "argocd.argoproj.io/ignore-healthcheck";
    /** Sync hooks keep this finalizer while Argo CD still needs their result; they are judged normally. */
    public static final String HOOK_FINALIZER = "argocd.argoproj.io/hook-finalizer";

    private static final Logger LOG = LoggerFactory.getLogger(HealthAssessor.class);

    private final Map<GroupKind, HealthCheck> checks;

    public HealthAssessor(Map<GroupKind, HealthCheck> checks) {
        this.checks = Map.copyOf(checks);
    }

    /** The checks Argo CD has built in (including its bundled CronJob and Application rules). */
    public static HealthAssessor argoCd() {
        Map<GroupKind, HealthCheck> checks = new HashMap<>();
        checks.put(new GroupKind("apps", "Deployment"), new DeploymentHealth());
        checks.put(new GroupKind("apps", "StatefulSet"), new StatefulSetHealth());
        checks.put(new GroupKind("apps", "DaemonSet"), new DaemonSetHealth());
        checks.put(new GroupKind("apps", "ReplicaSet"), new ReplicaSetHealth());
        checks.put(new GroupKind("", "Pod"), new PodHealth());
        checks.put(new GroupKind("", "Service"), new ServiceHealth());
        checks.put(new GroupKind("", "PersistentVolumeClaim"), new PersistentVolumeClaimHealth());
        checks.put(new GroupKind("networking.k8s.io", "Ingress"), new IngressHealth());
        checks.put(new GroupKind("extensions", "Ingress"), new IngressHealth());
        checks.put(new GroupKind("batch", "Job"), new JobHealth());
        checks.put(new GroupKind("batch", "CronJob"), new CronJobHealth());
        checks.put(new GroupKind("autoscaling", "HorizontalPodAutoscaler"), new HorizontalPodAutoscalerHealth());
        checks.put(new GroupKind("apiregistration.k8s.io", "APIService"), new APIServiceHealth());
        checks.put(new GroupKind("argoproj.io", "Application"), new ApplicationHealth());
        checks.put(new GroupKind("argoproj.io", "Workflow"), new WorkflowHealth());
        return new HealthAssessor(checks);
    }

    /** This assessor with {@code check} used for {@code kind} in place of any other. */
    public HealthAssessor withCheck(GroupKind kind, HealthCheck check) {
        Map<GroupKind, HealthCheck> changed = new HashMap<>(checks);
        changed.put(kind, check);
        return new HealthAssessor(changed);
    }

    /**
     * This assessor with the user's rules first: for a kind they cover, the rules decide, and
     * the built-in check applies only when none of them matches.
     */
    public HealthAssessor withCustomRules(CustomHealthRules rules) {
        Map<GroupKind, HealthCheck> changed = new HashMap<>(checks);
        rules.checks().forEach((kind, check) -> changed.merge(kind, check, (builtIn, custom) -> custom.orElse(builtIn)));
        return new HealthAssessor(changed);
    }

    /** Whether objects of this kind have a health at all. */
    public boolean hasCheck(GroupKind kind) {
        return checks.containsKey(kind);
    }

    /**
     * The health of a live object.
     *
     * @param live the object as the cluster has it, or null when it does not exist (then
     *     {@link HealthStatus#Missing})
     * @return empty when the object has no health, as in Argo CD: its kind has no check, or
     *     it is annotated {@code argocd.argoproj.io/ignore-healthcheck: "true"}. Such objects do
     *     not count towards an application's health.
     */
    public Optional<Health> assess(ObjectNode live) {
        if (live == null) {
            return Optional.of(new Health(HealthStatus.Missing, ""));
        }
        try {
            return assessExisting(live);
        } catch (IllegalArgumentException e) {
            return Optional.of(Health.unknown(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("event=health_check_failed kind={} name={}", Meta.kind(live), Meta.name(live), e);
            return Optional.of(Health.unknown("health check failed: " + e));
        }
    }

    private Optional<Health> assessExisting(ObjectNode live) {
        if ("true".equals(Fields.text(live, "metadata", "annotations", IGNORE_HEALTHCHECK_ANNOTATION))) {
            return Optional.empty();
        }
        if (Meta.at(live, "metadata", "deletionTimestamp") != null && !hasHookFinalizer(live)) {
            return Optional.of(Health.progressing("Pending deletion"));
        }
        HealthCheck check = checks.get(groupKind(live));
        return check == null ? Optional.empty() : check.assess(live);
    }

    private static GroupKind groupKind(ObjectNode live) {
        String apiVersion = Fields.text(live, "apiVersion");
        int slash = apiVersion.indexOf('/');
        return new GroupKind(slash < 0 ? "" : apiVersion.substring(0, slash), Fields.text(live, "kind"));
    }

    private static boolean hasHookFinalizer(ObjectNode live) {
        for (JsonNode finalizer : Fields.array(live, "metadata", "finalizers")) {
            if (HOOK_FINALIZER.equals(finalizer.asText())) {
                return true;
            }
        }
        return false;
    }
}
