package dev.fairway.sandbox.simulation;

import dev.fairway.kube.GoDuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small value types of the simulation: durations, images, schedules, quantities, node fit, settings. */
class SimulationBasicsTest {

    @Test
    void durationsParseAsGoWritesThem() {
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.format(Duration.ofSeconds(160))).isEqualTo("2m40s");
    }

    @Test
    void badDurationsAreRefusedWithAnExample() {
        for (String bad : new String[] {"", "5", "1x", "fast", "1s and more"}) {
            assertThatThrownBy(() -> GoDuration.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid duration \"" + bad + "\"").hasMessageContaining("500ms");
        }
    }

    @Test
    void imagesAreComparedAfterNormalising() {
        ImageRegistry registry = new ImageRegistry(List.of("nginx", "busybox:1.36", "ghcr.io/acme/api:*"));
        assertThat(registry.exists("nginx:1.27")).isTrue();
        assertThat(registry.exists("docker.io/library/nginx")).isTrue();
        assertThat(registry.exists("busybox:1.36")).isTrue();
        assertThat(registry.exists("busybox:1.37")).as("a tag the registry lacks").isFalse();
        assertThat(registry.exists("ghcr.io/acme/api:v2")).isTrue();
        assertThat(registry.exists("ngnix:1.27")).isFalse();
        assertThat(new ImageRegistry(List.of()).exists("anything:at-all")).isTrue();
        assertThat(ImageRegistry.normalize("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
        assertThat(ImageRegistry.normalize("bitnami/redis:7")).isEqualTo("docker.io/bitnami/redis:7");
    }

    @Test
    void cronSchedulesFindTheNextMinute() {
        Instant t = Instant.parse("2026-03-02T10:07:30Z"); // a Monday
        assertThat(CronSchedule.parse("*/15 * * * *").next(t)).isEqualTo(Instant.parse("2026-03-02T10:15:00Z"));
        assertThat(CronSchedule.parse("@hourly").next(t)).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
        assertThat(CronSchedule.parse("0 9 * * MON-FRI").next(t)).isEqualTo(Instant.parse("2026-03-03T09:00:00Z"));
        assertThat(CronSchedule.parse("30 2 1 JAN *").next(t)).isEqualTo(Instant.parse("2027-01-01T02:30:00Z"));
        assertThat(CronSchedule.parse("0 0 13 * 5").next(t)).as("day of month or weekday")
                .isEqualTo(Instant.parse("2026-03-06T00:00:00Z"));
    }

    @Test
    void badCronSchedulesSayWhatIsWrong() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * *")).hasMessageContaining("expected exactly 5 fields, found 4");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("minute out of range (0-59)");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessageContaining("step");
        assertThatThrownBy(() -> CronSchedule.parse("* * * FOO *")).hasMessageContaining("failed to parse month \"FOO\"");
    }

    @Test
    void quantitiesParseWithTheirSuffixes() {
        assertThat(Quantity.parse("100m")).isEqualByComparingTo("0.1");
        assertThat(Quantity.parse("1Gi")).isEqualByComparingTo(BigDecimal.valueOf(1L << 30));
        assertThat(Quantity.parse("1.5")).isEqualByComparingTo("1.5");
        assertThat(Quantity.parse("2e3")).isEqualByComparingTo("2000");
        assertThat(Quantity.parse("bogus")).isEqualByComparingTo("0");
    }

    @Test
    void nodeFitChecksSelectorsAffinityAndTaints() throws Exception {
        JsonNode node = Json.YAML.readTree("""
                metadata: {name: n1, labels: {zone: a, disk: ssd}}
                spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
                status: {conditions: [{type: Ready, status: "True"}]}
                """);
        JsonNode plain = Json.YAML.readTree("spec: {containers: [{name: a}]}");
        assertThat(NodeFit.reject(plain, node)).isEqualTo("node(s) had untolerated taint {dedicated: gpu}");
        JsonNode tolerant = Json.YAML.readTree("""
                spec:
                  tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]
                  nodeSelector: {disk: ssd}
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [a, b]}]}]
                """);
        assertThat(NodeFit.reject(tolerant, node)).isNull();
        JsonNode wrongZone = Json.YAML.readTree("""
                spec:
                  tolerations: [{operator: Exists}]
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: NotIn, values: [a]}]}]
                """);
        assertThat(NodeFit.reject(wrongZone, node)).isEqualTo("node(s) didn't match Pod's node affinity/selector");
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        Simulator.Config d = Simulator.Config.defaults();
        assertThatThrownBy(() -> d.withNodes(-1)).hasMessageContaining("the number of simulated nodes must be 0 or more, not -1");
        assertThatThrownBy(() -> d.withPodStartup(Duration.ofSeconds(-1))).hasMessageContaining("pod start-up must be zero or more");
        assertThatThrownBy(() -> new Simulator.Config(3, Duration.ZERO, Duration.ZERO, 2.0, List.of(), Duration.ZERO,
                Duration.ZERO, Duration.ZERO)).hasMessageContaining("grace factor must be between 0 and 1, not 2.0");
    }

    @Test
    void templateHashesIgnoreTheHashLabelAndEmptyFields() throws Exception {
        JsonNode a = Json.YAML.readTree("metadata: {labels: {app: web}, annotations: {}}\nspec: {containers: [{name: a, image: x}]}");
        JsonNode b = Json.YAML.readTree("metadata: {labels: {app: web, pod-template-hash: abc}}\nspec: {containers: [{image: x, name: a}]}");
        JsonNode c = Json.YAML.readTree("metadata: {labels: {app: web}}\nspec: {containers: [{name: a, image: y}]}");
        assertThat(ObjectFields.templateHash(a, 0)).isEqualTo(ObjectFields.templateHash(b, 0)).matches("[bcdfghjklmnpqrstvwxz2456789]+");
        assertThat(ObjectFields.templateHash(a, 0)).isNotEqualTo(ObjectFields.templateHash(c, 0));
    }
}
