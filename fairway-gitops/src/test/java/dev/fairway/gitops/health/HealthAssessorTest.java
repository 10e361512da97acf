package dev.fairway.gitops.health;

import static dev.fairway.gitops.health.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.kube.GroupKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthAssessorTest {

    private final HealthAssessor assessor = HealthAssessor.argoCd();

    private static final String RUNNING_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              restartPolicy: Always
            status:
              phase: Running
              conditions:
              - {type: Ready, status: "True"}
            """;

    @Test
    void kindsWithoutACheckHaveNoHealth() {
        assertThat(assessor.assess(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"))).isEmpty();
        assertThat(assessor.hasCheck(new GroupKind("", "ConfigMap"))).isFalse();
        assertThat(assessor.hasCheck(new GroupKind("apps", "Deployment"))).isTrue();
    }

    @Test
    void anObjectThatDoesNotExistIsMissing() {
        assertThat(assessor.assess(null)).hasValue(new Health(HealthStatus.Missing, ""));
    }

    @Test
    void objectsBeingDeletedAreProgressing() {
        var pod = yaml(RUNNING_POD);
        pod.with("metadata").put("deletionTimestamp", "2024-01-01T00:00:00Z");

        assertThat(assessor.assess(pod)).hasValue(Health.progressing("Pending deletion"));
    }

    @Test
    void hooksBeingDeletedAreJudgedNormally() {
        var pod = yaml(RUNNING_POD);
        pod.with("metadata").put("deletionTimestamp", "2024-01-01T00:00:00Z");
        pod.with("metadata").putArray("finalizers").add(HealthAssessor.HOOK_FINALIZER);

        assertThat(assessor.assess(pod)).map(Health::status).hasValue(HealthStatus.Healthy);
    }

    @Test
    void theIgnoreAnnotationRemovesTheHealth() {
        var pod = yaml(RUNNING_POD);
        pod.with("metadata").putObject("annotations").put(HealthAssessor.IGNORE_HEALTHCHECK_ANNOTATION, "true");

        assertThat(assessor.assess(pod)).isEmpty();
    }

    @Test
    void anIgnoreAnnotationOtherThanTrueIsNotHonoured() {
        var pod = yaml(RUNNING_POD);
        pod.with("metadata").putObject("annotations").put(HealthAssessor.IGNORE_HEALTHCHECK_ANNOTATION, "false");

        assertThat(assessor.assess(pod)).map(Health::status).hasValue(HealthStatus.Healthy);
    }

    @Test
    void aFieldOfTheWrongTypeGivesUnknownWithTheReason() {
        var deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {replicas: three}
                """);

        assertThat(assessor.assess(deployment))
                .hasValue(Health.unknown("spec.replicas is \"three\", not a whole number"));
    }

    @Test
    void anUnsupportedVersionGivesUnknown() {
        var deployment = yaml("apiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: web}\n");

        assertThat(assessor.assess(deployment)).map(Health::status).hasValue(HealthStatus.Unknown);
        assertThat(assessor.assess(deployment).orElseThrow().message()).contains("apps/v1beta2");
    }

    @Test
    void aCheckCanBeReplacedForAKind() {
        HealthAssessor custom = assessor.withCheck(new GroupKind("", "ConfigMap"),
                live -> Optional.of(Health.healthy("always")));

        assertThat(custom.assess(yaml("apiVersion: v1\nkind: ConfigMap\n"))).hasValue(Health.healthy("always"));
        assertThat(assessor.assess(yaml("apiVersion: v1\nkind: ConfigMap\n"))).isEmpty();
    }

    @Test
    void aBugInACheckGivesUnknownInsteadOfFailingTheCaller() {
        HealthAssessor broken = assessor.withCheck(new GroupKind("", "ConfigMap"), live -> {
            throw new IllegalStateException("boom");
        });

        assertThat(broken.assess(yaml("apiVersion: v1\nkind: ConfigMap\n")))
                .hasValue(Health.unknown("health check failed: java.lang.IllegalStateException: boom"));
    }
}
