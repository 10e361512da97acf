package dev.fairway.gitops.sync;

import static dev.fairway.gitops.sync.FakeCluster.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HookTest {

    static Hook hook(String annotations) {
        return Hook.of(yaml("{apiVersion: v1, kind: Pod, metadata: {name: p, annotations: {" + annotations + "}}}")).orElseThrow();
    }

    @Test
    void argoCdHooksWithTheirDeletePolicies() {
        assertThat(hook("argocd.argoproj.io/hook: PreSync").phases()).containsExactly(SyncPhase.PreSync);
        assertThat(hook("argocd.argoproj.io/hook: PreSync").deletePolicies()).containsExactly(HookDeletePolicy.BeforeHookCreation);
        Hook both = hook("argocd.argoproj.io/hook: \"Sync, PostSync\", argocd.argoproj.io/hook-delete-policy: \"HookSucceeded,HookFailed\"");
        assertThat(both.phases()).containsExactlyInAnyOrder(SyncPhase.Sync, SyncPhase.PostSync);
        assertThat(both.deletePolicies()).isEqualTo(Set.of(HookDeletePolicy.HookSucceeded, HookDeletePolicy.HookFailed));
    }

    @Test
    void skipAndUnknownTypesAreHooksThatNeverRun() {
        assertThat(hook("argocd.argoproj.io/hook: Skip").phases()).isEmpty();
        assertThat(hook("argocd.argoproj.io/hook: Sometimes").phases()).isEmpty();
        assertThat(Hook.of(yaml("{apiVersion: v1, kind: Pod, metadata: {name: p}}"))).isEmpty();
    }

    @Test
    void helmHooksAreMappedAsArgoCdMapsThem() {
        assertThat(hook("helm.sh/hook: \"pre-install,pre-upgrade\"").phases()).containsExactly(SyncPhase.PreSync);
        assertThat(hook("helm.sh/hook: post-upgrade, helm.sh/hook-delete-policy: hook-succeeded").phases())
                .containsExactly(SyncPhase.PostSync);
        assertThat(hook("helm.sh/hook: post-upgrade, helm.sh/hook-delete-policy: hook-succeeded").deletePolicies())
                .containsExactly(HookDeletePolicy.HookSucceeded);
        assertThat(hook("helm.sh/hook: pre-delete").phases()).as("Argo CD does not run delete hooks").isEmpty();
    }

    @Test
    void helmHookWeightIsTheWaveUnlessASyncWaveIsGiven() {
        assertThat(SyncOrder.wave(yaml("{kind: Job, metadata: {annotations: {helm.sh/hook-weight: \"-5\"}}}"))).isEqualTo(-5);
        assertThat(SyncOrder.wave(yaml("{kind: Job, metadata: {annotations: {helm.sh/hook-weight: \"-5\", argocd.argoproj.io/sync-wave: \"2\"}}}")))
                .isEqualTo(2);
    }
}
