package dev.fairway.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.kube.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncFollowerTest {

    static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    static final String SHA = "a".repeat(40);

    final SyncFollower follower = new SyncFollower(null, "argocd", new PrintStream(new ByteArrayOutputStream()), false,
            Clock.systemUTC(), Duration.ofSeconds(10));

    static AppState app(String name, String sync, String health, String revision, String extraStatus, String... children) throws Exception {
        StringBuilder resources = new StringBuilder();
        for (String c : children) {
            resources.append(resources.length() == 0 ? "" : ",")
                    .append("{\"group\":\"argoproj.io\",\"kind\":\"Application\",\"name\":\"").append(c).append("\"}");
        }
        String json = """
                {"metadata":{"name":"%s"},"spec":{"source":{"repoURL":"https://git/r.git","targetRevision":"HEAD"}},
                 "status":{"sync":{"status":"%s","revision":"%s"},"health":{"status":"%s"},"reconciledAt":"2026-11-30T12:00:05Z",
                   "resources":[%s]%s}}
                """.formatted(name, sync, revision, health, resources, extraStatus);
        return AppState.of(Json.parse(json));
    }

    static Map<String, AppState> apps(AppState... states) {
        Map<String, AppState> m = new LinkedHashMap<>();
        for (AppState s : states) {
            m.put(s.name(), s);
        }
        return m;
    }

    @Test
    void doneOnlyWhenTheWholeTreeIsSyncedAndHealthyAtTheRevision() throws Exception {
        var apps = apps(app("root", "Synced", "Healthy", SHA, "", "a", "b"), app("a", "Synced", "Healthy", SHA, ""),
                app("b", "Synced", "Progressing", SHA, ""));
        var waiting = follower.evaluate(apps, "root", SHA, START, START.plusSeconds(5));
        assertThat(waiting.result()).isEqualTo(SyncFollower.Result.TIMED_OUT);
        assertThat(waiting.problems()).containsExactly("b: Synced/Progressing");

        apps.put("b", app("b", "Synced", "Healthy", SHA, ""));
        assertThat(follower.evaluate(apps, "root", SHA, START, START.plusSeconds(6)).result()).isEqualTo(SyncFollower.Result.SYNCED);
    }

    @Test
    void aChildNotCreatedYetOrAtAnOlderCommitIsNotDone() throws Exception {
        var apps = apps(app("root", "Synced", "Healthy", SHA, "", "a", "b"), app("a", "Synced", "Healthy", "b".repeat(40), ""));
        var o = follower.evaluate(apps, "root", SHA, START, START.plusSeconds(5));
        assertThat(o.result()).isEqualTo(SyncFollower.Result.TIMED_OUT);
        assertThat(o.problems()).containsExactly("a: at revision bbbbbbb, waiting for aaaaaaa", "b: not created yet");
    }

    @Test
    void anErrorThatHoldsForTheGracePeriodFailsNamingTheAppAndMessage() throws Exception {
        String error = ",\"conditions\":[{\"type\":\"ComparisonError\",\"message\":\"base/idp/service.yaml:6: did not find expected node content\"}]";
        var apps = apps(app("root", "Synced", "Healthy", SHA, "", "idp"), app("idp", "Unknown", "Healthy", SHA, error));
        assertThat(follower.evaluate(apps, "root", SHA, START, START.plusSeconds(6)).result())
                .as("an error may be the previous commit's for a moment").isEqualTo(SyncFollower.Result.TIMED_OUT);
        var failed = follower.evaluate(apps, "root", SHA, START, START.plusSeconds(17));
        assertThat(failed.result()).isEqualTo(SyncFollower.Result.FAILED);
        assertThat(failed.problems()).containsExactly("idp: ComparisonError: base/idp/service.yaml:6: did not find expected node content");
    }

    @Test
    void aFailedSyncOfTheExpectedRevisionFailsAtOnce() throws Exception {
        String op = ",\"operationState\":{\"phase\":\"Failed\",\"message\":\"one or more synchronization tasks completed unsuccessfully\","
                + "\"finishedAt\":\"2026-11-30T12:00:04Z\",\"syncResult\":{\"revision\":\"" + SHA + "\"}}";
        var apps = apps(app("root", "OutOfSync", "Healthy", SHA, op));
        var o = follower.evaluate(apps, "root", SHA, START, START.plusSeconds(5));
        assertThat(o.result()).isEqualTo(SyncFollower.Result.FAILED);
        assertThat(o.problems().get(0)).startsWith("root: sync Failed: one or more synchronization tasks");
    }

    @Test
    void aNewerCommitOnTheFollowedBranchCounts() throws Exception {
        var apps = apps(app("root", "Synced", "Healthy", "c".repeat(40), ""));
        assertThat(follower.evaluate(apps, "root", SHA, START, START.plusSeconds(5)).result()).isEqualTo(SyncFollower.Result.TIMED_OUT);
    }
}
