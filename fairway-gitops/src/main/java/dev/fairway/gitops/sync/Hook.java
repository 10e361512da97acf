package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Meta;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the hook annotations of an object say: Argo CD's {@code argocd.argoproj.io/hook} (with
 * {@code hook-delete-policy}), or Helm's {@code helm.sh/hook} mapped as Argo CD maps it
 * ({@code pre-install}/{@code pre-upgrade} run in PreSync, {@code post-install}/{@code post-upgrade}
 * in PostSync, {@code helm.sh/hook-weight} is the wave). A hook is never part of the application's
 * sync status and never pruned.
 *
 * @param phases the phases it runs in; empty for {@code Skip} and for Helm hooks Argo CD does not run
 * @param deletePolicies when to delete it; {@code BeforeHookCreation} when none is given
 */
public record Hook(Set<SyncPhase> phases, Set<HookDeletePolicy> deletePolicies) {

    public static final String HOOK_ANNOTATION = "argocd.argoproj.io/hook";
    public static final String DELETE_POLICY_ANNOTATION = "argocd.argoproj.io/hook-delete-policy";
    public static final String HELM_HOOK_ANNOTATION = "helm.sh/hook";
    public static final String HELM_WEIGHT_ANNOTATION = "helm.sh/hook-weight";
    public static final String HELM_DELETE_POLICY_ANNOTATION = "helm.sh/hook-delete-policy";

    private static final Map<String, SyncPhase> HELM_PHASES = Map.of("crd-install", SyncPhase.PreSync,
            "pre-install", SyncPhase.PreSync, "pre-upgrade", SyncPhase.PreSync,
            "post-install", SyncPhase.PostSync, "post-upgrade", SyncPhase.PostSync);
    private static final Map<String, HookDeletePolicy> HELM_POLICIES = Map.of(
            "before-hook-creation", HookDeletePolicy.BeforeHookCreation,
            "hook-succeeded", HookDeletePolicy.HookSucceeded, "hook-failed", HookDeletePolicy.HookFailed);

    public Hook {
        phases = phases.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(phases));
        deletePolicies = deletePolicies.isEmpty() ? Set.of(HookDeletePolicy.BeforeHookCreation) : Set.copyOf(deletePolicies);
    }

    /**
     * The object's hook annotations, or empty for an ordinary resource. Unknown hook types are
     * ignored, as Argo CD ignores them; an object whose only types are unknown or {@code Skip} is a
     * hook with no phase (never applied).
     */
    public static Optional<Hook> of(JsonNode object) {
        JsonNode annotations = Meta.at(object, "metadata", "annotations");
        String argo = Meta.text(annotations, HOOK_ANNOTATION);
        if (argo != null) {
            Set<SyncPhase> phases = EnumSet.noneOf(SyncPhase.class);
            for (String type : argo.split(",")) {
                for (SyncPhase phase : SyncPhase.values()) {
                    if (phase.name().equalsIgnoreCase(type.strip())) {
                        phases.add(phase);
                    }
                }
            }
            Set<HookDeletePolicy> policies = EnumSet.noneOf(HookDeletePolicy.class);
            String policy = Meta.text(annotations, DELETE_POLICY_ANNOTATION);
            if (policy != null) {
                for (String p : policy.split(",")) {
                    for (HookDeletePolicy known : HookDeletePolicy.values()) {
                        if (known.name().equalsIgnoreCase(p.strip())) {
                            policies.add(known);
                        }
                    }
                }
            }
            return Optional.of(new Hook(phases, policies));
        }
        String helm = Meta.text(annotations, HELM_HOOK_ANNOTATION);
        if (helm != null) {
            Set<SyncPhase> phases = EnumSet.noneOf(SyncPhase.class);
            for (String type : helm.split(",")) {
                SyncPhase phase = HELM_PHASES.get(type.strip().toLowerCase(Locale.ROOT));
                if (phase != null) {
                    phases.add(phase);
                }
            }
            Set<HookDeletePolicy> policies = EnumSet.noneOf(HookDeletePolicy.class);
            String policy = Meta.text(annotations, HELM_DELETE_POLICY_ANNOTATION);
            if (policy != null) {
                for (String p : policy.split(",")) {
                    HookDeletePolicy known = HELM_POLICIES.get(p.strip().toLowerCase(Locale.ROOT));
                    if (known != null) {
                        policies.add(known);
                    }
                }
            }
            return Optional.of(new Hook(phases, policies));
        }
        return Optional.empty();
    }

    /** True for objects the comparison leaves out: hooks and objects marked {@code Skip}. */
    public static boolean isHookOrSkipped(JsonNode object) {
        return of(object).isPresent();
    }
}
