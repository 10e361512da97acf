package dev.fairway.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedLogsTest {

    static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aServerLogsItsStartUpThenARequestEveryTwoSeconds() {
        SimulatedLogs.Run run = new SimulatedLogs.Run("uid-1", "web", "nginx:1.27", true, false, Behavior.NORMAL, START, null, 0, 0);
        List<SimulatedLogs.Line> lines = SimulatedLogs.lines(run, START.plusSeconds(10));
        assertThat(lines.get(0).text()).startsWith("/docker-entrypoint.sh");
        assertThat(lines).filteredOn(l -> l.text().contains("\"GET ")).hasSize(5);
        assertThat(lines).extracting(SimulatedLogs.Line::at).isSorted();
        assertThat(SimulatedLogs.lines(run, START.plusSeconds(10))).as("every read sees the same log").isEqualTo(lines);
        assertThat(lines.stream().map(SimulatedLogs.Line::text).filter(t -> t.contains("GET")).distinct().count())
                .as("requests vary").isGreaterThan(1);
    }

    @Test
    void aContainerWithoutPortsLogsOnlyItsStartUp() {
        SimulatedLogs.Run run = new SimulatedLogs.Run("uid-2", "worker", "busybox", false, false, Behavior.NORMAL, START, null, 0, 0);
        assertThat(SimulatedLogs.lines(run, START.plusSeconds(60))).hasSize(2);
    }

    @Test
    void aCrashingContainerEndsWithItsError() {
        SimulatedLogs.Run run = new SimulatedLogs.Run("uid-3", "app", "busybox", false, false, Behavior.CRASHLOOP, START,
                START.plusSeconds(1), 1, 2);
        List<SimulatedLogs.Line> lines = SimulatedLogs.lines(run, START.plusSeconds(30));
        assertThat(lines.get(lines.size() - 1).text()).startsWith("panic:");
    }
}
