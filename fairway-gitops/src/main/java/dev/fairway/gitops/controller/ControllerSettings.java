package dev.fairway.gitops.controller;

import dev.fairway.gitops.cluster.TrackingMethod;
import java.time.Duration;

/**
 * @param namespace where Applications and AppProjects live (Argo CD's {@code argocd})
 * @param resyncPeriod how often every application is compared again even without events, which
 *     is also how often new commits are noticed without a webhook
 * @param selfHealDelay the least time between two self-heal syncs of one application
 * @param workers how many applications are reconciled at once (each one by one worker only)
 * @param syncWaveDelay the pause between two sync waves, so that controllers see one wave before
 *     the next (Argo CD's {@code ARGOCD_SYNC_WAVE_DELAY}, 2 s)
 */
public record ControllerSettings(String namespace, TrackingMethod tracking, Duration resyncPeriod, Duration selfHealDelay,
        int workers, Duration syncWaveDelay) {

    public static ControllerSettings defaults() {
        return new ControllerSettings("argocd", TrackingMethod.LABEL, Duration.ofSeconds(180), Duration.ofSeconds(5), 2,
                Duration.ofSeconds(2));
    }

    public ControllerSettings withNamespace(String value) {
        return new ControllerSettings(value, tracking, resyncPeriod, selfHealDelay, workers, syncWaveDelay);
    }

    public ControllerSettings withResyncPeriod(Duration value) {
        return new ControllerSettings(namespace, tracking, value, selfHealDelay, workers, syncWaveDelay);
    }

    public ControllerSettings withSelfHealDelay(Duration value) {
        return new ControllerSettings(namespace, tracking, resyncPeriod, value, workers, syncWaveDelay);
    }

    public ControllerSettings withTracking(TrackingMethod value) {
        return new ControllerSettings(namespace, value, resyncPeriod, selfHealDelay, workers, syncWaveDelay);
    }

    public ControllerSettings withSyncWaveDelay(Duration value) {
        return new ControllerSettings(namespace, tracking, resyncPeriod, selfHealDelay, workers, value);
    }
}
