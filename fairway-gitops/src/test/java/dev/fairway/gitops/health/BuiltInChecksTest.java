package dev.fairway.gitops.health;

import static dev.fairway.gitops.health.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Behaviour the conformance fixtures do not cover: messages and the less common branches. */
class BuiltInChecksTest {

    private final HealthAssessor assessor = HealthAssessor.argoCd();

    private Health health(String yaml) {
        return assessor.assess(yaml(yaml)).orElseThrow();
    }

    @Test
    void deploymentWaitingForAvailableReplicasSaysHowMany() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, generation: 2}
                spec: {replicas: 3}
                status: {observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 1}
                """)).isEqualTo(Health.progressing("Waiting for rollout to finish: 1 of 3 updated replicas are available..."));
    }

    @Test
    void deploymentWithOldReplicasLeftIsProgressing() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, generation: 1}
                spec: {replicas: 2}
                status: {observedGeneration: 1, replicas: 3, updatedReplicas: 2, availableReplicas: 2}
                """)).isEqualTo(Health.progressing("Waiting for rollout to finish: 1 old replicas are pending termination..."));
    }

    @Test
    void deploymentNotYetObservedIsProgressing() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, generation: 3}
                status: {observedGeneration: 2}
                """).status()).isEqualTo(HealthStatus.Progressing);
    }

    @Test
    void deploymentScaledToZeroIsHealthy() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, generation: 1}
                spec: {replicas: 0}
                status: {observedGeneration: 1}
                """)).isEqualTo(Health.healthy(""));
    }

    @Test
    void statefulSetWaitingForPods() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, generation: 1}
                spec: {replicas: 3}
                status: {observedGeneration: 1, readyReplicas: 1}
                """)).isEqualTo(Health.progressing("Waiting for 2 pods to be ready..."));
    }

    @Test
    void statefulSetPartitionedRollOut() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, generation: 1}
                spec:
                  replicas: 3
                  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}
                status: {observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1}
                """)).isEqualTo(Health.progressing(
                        "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated..."));
    }

    @Test
    void statefulSetOnDeleteIsHealthyOnceReady() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, generation: 1}
                spec: {replicas: 2, updateStrategy: {type: OnDelete}}
                status: {observedGeneration: 1, readyReplicas: 2}
                """)).isEqualTo(Health.healthy("statefulset has 2 ready pods"));
    }

    @Test
    void daemonSetRollingOut() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, generation: 1}
                status: {observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2}
                """)).isEqualTo(Health.progressing(
                        "Waiting for daemon set \"agent\" rollout to finish: 2 of 3 updated pods are available..."));
    }

    @Test
    void daemonSetComplete() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, generation: 1}
                status: {observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2}
                """).status()).isEqualTo(HealthStatus.Healthy);
    }

    @Test
    void replicaSetThatCannotCreatePodsIsDegraded() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web-1, generation: 1}
                spec: {replicas: 2}
                status:
                  observedGeneration: 1
                  conditions:
                  - {type: ReplicaFailure, status: "True", message: 'pods "web-1-x" is forbidden: exceeded quota'}
                """)).isEqualTo(Health.degraded("pods \"web-1-x\" is forbidden: exceeded quota"));
    }

    @Test
    void replicaSetWaitingForReplicas() {
        assertThat(health("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web-1, generation: 1}
                spec: {replicas: 2}
                status: {observedGeneration: 1, availableReplicas: 1}
                """)).isEqualTo(Health.progressing("Waiting for rollout to finish: 1 out of 2 new replicas are available..."));
    }

    @Test
    void hookPodWithImagePullErrorKeepsProgressing() {
        assertThat(health("""
                apiVersion: v1
                kind: Pod
                metadata: {name: migrate}
                spec: {restartPolicy: Never}
                status:
                  phase: Pending
                  containerStatuses:
                  - name: main
                    state: {waiting: {reason: ErrImagePull, message: not found}}
                """).status()).isEqualTo(HealthStatus.Progressing);
    }

    @Test
    void podWithoutRestartPolicyIsTreatedAsAlwaysLikeTheApiServerDefault() {
        assertThat(health("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                status:
                  phase: Pending
                  containerStatuses:
                  - name: main
                    state: {waiting: {reason: ImagePullBackOff, message: Back-off pulling image}}
                """)).isEqualTo(Health.degraded("Back-off pulling image"));
    }

    @Test
    void failedPodWithoutMessageNamesTheFailingContainer() {
        assertThat(health("""
                apiVersion: v1
                kind: Pod
                metadata: {name: job-pod}
                spec: {restartPolicy: Never}
                status:
                  phase: Failed
                  containerStatuses:
                  - name: main
                    state: {terminated: {exitCode: 3}}
                """)).isEqualTo(Health.degraded("container \"main\" failed with exit code 3"));
    }

    @Test
    void runningHookPodIsProgressing() {
        assertThat(health("""
                apiVersion: v1
                kind: Pod
                metadata: {name: migrate}
                spec: {restartPolicy: OnFailure}
                status: {phase: Running}
                """).status()).isEqualTo(HealthStatus.Progressing);
    }

    @Test
    void lostVolumeClaimIsDegraded() {
        assertThat(health("apiVersion: v1\nkind: PersistentVolumeClaim\nstatus: {phase: Lost}\n").status())
                .isEqualTo(HealthStatus.Degraded);
    }

    @Test
    void suspendedJobIsSuspended() {
        assertThat(health("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: report}
                status:
                  conditions:
                  - {type: Suspended, status: "True", message: Job suspended}
                """)).isEqualTo(Health.suspended("Job suspended"));
    }

    @Test
    void cronJobStates() {
        assertThat(health("apiVersion: batch/v1\nkind: CronJob\nspec: {suspend: true}\n"))
                .isEqualTo(Health.suspended("CronJob is Suspended"));
        assertThat(health("apiVersion: batch/v1\nkind: CronJob\nspec: {}\n"))
                .isEqualTo(Health.progressing("Waiting for CronJob"));
        assertThat(health("apiVersion: batch/v1\nkind: CronJob\nstatus: {}\n"))
                .isEqualTo(Health.healthy("CronJob has not been scheduled yet"));
        assertThat(health("""
                apiVersion: batch/v1
                kind: CronJob
                status: {lastScheduleTime: "2024-05-02T10:00:00Z", lastSuccessfulTime: "2024-05-01T10:00:05Z"}
                """)).isEqualTo(Health.degraded("CronJob has not completed its last execution successfully"));
        assertThat(health("""
                apiVersion: batch/v1
                kind: CronJob
                status: {lastScheduleTime: "2024-05-02T10:00:00Z", lastSuccessfulTime: "2024-05-02T10:00:05Z"}
                """)).isEqualTo(Health.healthy("CronJob has completed its last execution successfully"));
        assertThat(health("""
                apiVersion: batch/v1
                kind: CronJob
                status:
                  lastScheduleTime: "2024-05-02T10:00:00Z"
                  lastSuccessfulTime: "2024-05-01T10:00:05Z"
                  active: [{name: run-2}]
                """).status()).isEqualTo(HealthStatus.Healthy);
    }

    @Test
    void cronJobWithABadTimeIsUnknown() {
        assertThat(health("""
                apiVersion: batch/v1
                kind: CronJob
                status: {lastScheduleTime: yesterday, lastSuccessfulTime: today}
                """).status()).isEqualTo(HealthStatus.Unknown);
    }

    @Test
    void hpaV1WithUnreadableConditionsAnnotationIsUnknown() {
        Health health = health("""
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata:
                  annotations:
                    autoscaling.alpha.kubernetes.io/conditions: "not json"
                """);

        assertThat(health.status()).isEqualTo(HealthStatus.Unknown);
        assertThat(health.message()).startsWith("annotation autoscaling.alpha.kubernetes.io/conditions is not a JSON list");
    }

    @Test
    void hpaWithoutConditionsIsWaiting() {
        assertThat(health("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"))
                .isEqualTo(Health.progressing("Waiting to Autoscale"));
    }

    @Test
    void apiServiceWithoutConditionsIsWaiting() {
        assertThat(health("apiVersion: apiregistration.k8s.io/v1\nkind: APIService\n"))
                .isEqualTo(Health.progressing("Waiting to be processed"));
    }

    @Test
    void childApplicationMustBeSyncedAndHealthy() {
        assertThat(health("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                status: {health: {status: Healthy}, sync: {status: Synced}}
                """).status()).isEqualTo(HealthStatus.Healthy);
        assertThat(health("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                status: {health: {status: Healthy}, sync: {status: OutOfSync}}
                """)).isEqualTo(Health.progressing("Waiting for application to be synced (sync status is OutOfSync)"));
        assertThat(health("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                status: {health: {status: Degraded, message: boom}, sync: {status: OutOfSync}}
                """)).isEqualTo(Health.degraded("boom"));
        assertThat(health("apiVersion: argoproj.io/v1alpha1\nkind: Application\n"))
                .isEqualTo(Health.progressing("Waiting for application to be reconciled"));
    }

    @Test
    void workflowByPhase() {
        assertThat(health("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nstatus: {phase: Failed, message: oops}\n"))
                .isEqualTo(Health.degraded("oops"));
    }

    @Test
    void extensionsIngressIsCheckedToo() {
        assertThat(health("apiVersion: extensions/v1beta1\nkind: Ingress\n").status()).isEqualTo(HealthStatus.Progressing);
    }
}
