package dev.fairway.gitops.project;

import static dev.fairway.gitops.project.Projects.project;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.gitops.app.Destination;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncWindowsTest {

    // 2026-03-02 is a Monday; Berlin is UTC+1 in March before the 29th, UTC+2 in summer
    private static final ApplicationRef WEB = new ApplicationRef("web", "argocd", "p", List.of("https://x/r"),
            new Destination("https://kubernetes.default.svc", "", "team-a"));

    private static SyncWindows windows(String yaml) {
        return project("p", "  syncWindows:\n" + yaml).syncWindows();
    }

    private static Instant at(String utc) {
        return Instant.parse(utc + "Z");
    }

    private static final SyncWindows NIGHTLY_FREEZE = windows("""
                - {kind: deny, schedule: '0 22 * * *', duration: 8h, applications: ['*']}
            """);

    @Test
    void anOpenDenyWindowBlocksAndIsNamed() {
        SyncWindowDecision d = NIGHTLY_FREEZE.canSync(WEB, false, at("2026-03-02T23:00:00"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.message()).isEqualTo("Sync operation blocked by sync window: deny window '0 22 * * *' for 8h (UTC) is active");
        assertThat(d.blockedBy()).containsExactlyElementsOf(NIGHTLY_FREEZE.windows());
    }

    @Test
    void aDenyWindowCoversItsDurationAcrossMidnightAndNoMore() {
        assertThat(NIGHTLY_FREEZE.canSync(WEB, false, at("2026-03-03T05:59:59")).allowed()).isFalse();
        assertThat(NIGHTLY_FREEZE.canSync(WEB, false, at("2026-03-03T06:00:00")).allowed()).isTrue();
        assertThat(NIGHTLY_FREEZE.canSync(WEB, false, at("2026-03-02T21:59:59")).allowed()).isTrue();
        // as in Argo CD, a window opens just after its start time
        assertThat(NIGHTLY_FREEZE.canSync(WEB, false, at("2026-03-02T22:00:00")).allowed()).isTrue();
        assertThat(NIGHTLY_FREEZE.canSync(WEB, false, at("2026-03-02T22:00:01")).allowed()).isFalse();
    }

    @Test
    void aWeekendFreezeSpansDays() {
        SyncWindows weekend = windows("    - {kind: deny, schedule: '0 18 * * fri', duration: 62h, namespaces: ['*']}\n");
        assertThat(weekend.canSync(WEB, false, at("2026-03-08T12:00:00")).allowed()).as("Sunday noon").isFalse();
        assertThat(weekend.canSync(WEB, false, at("2026-03-09T08:30:00")).allowed()).as("Monday 08:30").isTrue();
        assertThat(weekend.canSync(WEB, false, at("2026-03-06T17:00:00")).allowed()).as("Friday 17:00").isTrue();
    }

    @Test
    void manualSyncLetsManualSyncsThroughOnlyWhenEveryOpenDenyWindowAllowsIt() {
        SyncWindows one = windows("    - {kind: deny, schedule: '0 22 * * *', duration: 8h, applications: ['*'], manualSync: true}\n");
        Instant night = at("2026-03-02T23:00:00");
        assertThat(one.canSync(WEB, true, night).allowed()).isTrue();
        assertThat(one.canSync(WEB, false, night).allowed()).as("automated syncs stay blocked").isFalse();

        SyncWindows two = windows("""
                    - {kind: deny, schedule: '0 22 * * *', duration: 8h, applications: ['*'], manualSync: true}
                    - {kind: deny, schedule: '0 20 * * *', duration: 4h, namespaces: ['team-*']}
                """);
        SyncWindowDecision d = two.canSync(WEB, true, night);
        assertThat(d.allowed()).isFalse();
        assertThat(d.blockedBy()).extracting(w -> w.schedule().toString()).containsExactly("0 20 * * *");
    }

    @Test
    void allowWindowsBlockOutsideThemselves() {
        SyncWindows office = windows("    - {kind: allow, schedule: '0 8 * * mon-fri', duration: 10h, applications: ['*']}\n");
        assertThat(office.canSync(WEB, false, at("2026-03-02T09:00:00")).allowed()).isTrue();
        SyncWindowDecision evening = office.canSync(WEB, false, at("2026-03-02T19:00:00"));
        assertThat(evening.allowed()).isFalse();
        assertThat(evening.message()).isEqualTo("Sync operation blocked by sync window: no allow window is open "
                + "(allow window '0 8 * * mon-fri' for 10h (UTC))");
        assertThat(office.canSync(WEB, false, at("2026-03-07T09:00:00")).allowed()).as("Saturday").isFalse();
    }

    @Test
    void manualSyncOnEveryClosedAllowWindowLetsManualSyncsThrough() {
        SyncWindows office = windows("""
                    - {kind: allow, schedule: '0 8 * * mon-fri', duration: 10h, applications: ['*'], manualSync: true}
                    - {kind: allow, schedule: '0 12 * * sat', duration: 1h, applications: ['*']}
                """);
        Instant evening = at("2026-03-02T19:00:00");
        assertThat(office.canSync(WEB, true, evening).allowed()).as("the Saturday window has no manualSync").isFalse();
        SyncWindows lenient = windows("    - {kind: allow, schedule: '0 8 * * mon-fri', duration: 10h, applications: ['*'], manualSync: true}\n");
        assertThat(lenient.canSync(WEB, true, evening).allowed()).isTrue();
    }

    @Test
    void oneOpenAllowWindowIsEnoughButAnOpenDenyWindowWins() {
        SyncWindows both = windows("""
                    - {kind: allow, schedule: '0 8 * * *', duration: 10h, applications: ['*']}
                    - {kind: allow, schedule: '0 0 * * sun', duration: 1h, applications: ['*']}
                    - {kind: deny, schedule: '0 12 * * *', duration: 1h, applications: ['web']}
                """);
        assertThat(both.canSync(WEB, false, at("2026-03-02T09:00:00")).allowed()).isTrue();
        SyncWindowDecision lunch = both.canSync(WEB, false, at("2026-03-02T12:30:00"));
        assertThat(lunch.allowed()).isFalse();
        assertThat(lunch.message()).contains("deny window '0 12 * * *'");
    }

    @Test
    void windowsThatDoNotApplyToTheApplicationDoNotBlockIt() {
        SyncWindows other = windows("    - {kind: deny, schedule: '* * * * *', duration: 1h, applications: ['billing-*']}\n");
        assertThat(other.canSync(WEB, false, at("2026-03-02T12:00:00")).allowed()).isTrue();
        assertThat(SyncWindows.none().canSync(WEB, false, at("2026-03-02T12:00:00")).allowed()).isTrue();
    }

    @Test
    void theScheduleIsReadInTheWindowsTimeZone() {
        SyncWindows berlin = windows("    - {kind: deny, schedule: '0 22 * * *', duration: 1h, timeZone: Europe/Berlin, applications: ['*']}\n");
        // winter: 22:00 Berlin is 21:00 UTC
        assertThat(berlin.canSync(WEB, false, at("2026-03-02T21:30:00")).allowed()).isFalse();
        assertThat(berlin.canSync(WEB, false, at("2026-03-02T22:30:00")).allowed()).isTrue();
        // summer: 22:00 Berlin is 20:00 UTC
        assertThat(berlin.canSync(WEB, false, at("2026-07-01T20:30:00")).allowed()).isFalse();
        assertThat(berlin.canSync(WEB, false, at("2026-07-01T21:30:00")).allowed()).isTrue();
        assertThat(berlin.canSync(WEB, false, at("2026-03-02T21:30:00")).message()).contains("(Europe/Berlin)");
    }

    @Test
    void windowsApplyByApplicationClusterOrNamespace() {
        SyncWindow byApp = windows("    - {kind: deny, schedule: '0 0 * * *', duration: 1h, applications: ['w*']}\n").windows().get(0);
        SyncWindow byClusterServer = windows("    - {kind: deny, schedule: '0 0 * * *', duration: 1h, clusters: ['https://kubernetes.*']}\n").windows().get(0);
        SyncWindow byClusterName = windows("    - {kind: deny, schedule: '0 0 * * *', duration: 1h, clusters: [prod]}\n").windows().get(0);
        SyncWindow byNamespace = windows("    - {kind: deny, schedule: '0 0 * * *', duration: 1h, namespaces: ['team-?']}\n").windows().get(0);
        assertThat(byApp.appliesTo(WEB)).isTrue();
        assertThat(byClusterServer.appliesTo(WEB)).isTrue();
        assertThat(byClusterName.appliesTo(WEB)).isFalse();
        ApplicationRef onProd = new ApplicationRef("api", "argocd", "p", List.of(), new Destination("", "prod", "ops"));
        assertThat(byClusterName.appliesTo(onProd)).isTrue();
        assertThat(byNamespace.appliesTo(WEB)).isTrue();
        assertThat(byNamespace.appliesTo(onProd)).isFalse();
    }

    @Test
    void anyListMatchingIsEnoughUnlessTheAndOperatorIsOn() {
        String lists = "applications: [web], namespaces: [ops]";
        SyncWindow or = windows("    - {kind: deny, schedule: '0 0 * * *', duration: 1h, " + lists + "}\n").windows().get(0);
        SyncWindow and = windows("    - {kind: deny, schedule: '0 0 * * *', duration: 1h, andOperator: true, " + lists + "}\n").windows().get(0);
        assertThat(or.appliesTo(WEB)).isTrue();
        assertThat(and.appliesTo(WEB)).as("web is in team-a, not ops").isFalse();
        ApplicationRef webInOps = new ApplicationRef("web", "argocd", "p", List.of(), new Destination("https://k", "", "ops"));
        assertThat(and.appliesTo(webInOps)).isTrue();
    }

    @Test
    void activeWindowsListsTheOpenWindowsOfTheApplication() {
        SyncWindows w = windows("""
                    - {kind: deny, schedule: '0 22 * * *', duration: 8h, applications: ['*']}
                    - {kind: allow, schedule: '0 8 * * *', duration: 2h, applications: ['*']}
                    - {kind: deny, schedule: '0 23 * * *', duration: 1h, applications: ['billing']}
                """);
        assertThat(w.activeWindows(WEB, at("2026-03-02T23:30:00"))).extracting(x -> x.schedule().toString())
                .containsExactly("0 22 * * *");
        assertThat(w.active(at("2026-03-02T23:30:00"))).hasSize(2);
        assertThat(w.activeWindows(WEB, at("2026-03-02T12:00:00"))).isEmpty();
        assertThat(w.windows().get(0).openedAt(at("2026-03-03T01:00:00"))).contains(at("2026-03-02T22:00:00"));
    }

    @Test
    void syncOverrunLetsARunningSyncFinishIntoADenyWindow() {
        SyncWindows overrun = windows("    - {kind: deny, schedule: '0 22 * * *', duration: 8h, applications: ['*'], syncOverrun: true}\n");
        Instant started = at("2026-03-02T21:50:00");
        Instant now = at("2026-03-02T22:10:00");
        assertThat(overrun.canSync(false, now, Optional.of(started)).allowed()).isTrue();
        assertThat(overrun.canSync(false, now, Optional.of(at("2026-03-02T22:05:00"))).allowed())
                .as("started inside the window").isFalse();
        assertThat(NIGHTLY_FREEZE.canSync(false, now, Optional.of(started)).allowed()).as("no syncOverrun").isFalse();
    }

    @Test
    void syncOverrunLetsARunningSyncFinishAfterAnAllowWindowCloses() {
        SyncWindows overrun = windows("    - {kind: allow, schedule: '0 8 * * *', duration: 1h, applications: ['*'], syncOverrun: true}\n");
        Instant now = at("2026-03-02T09:10:00");
        assertThat(overrun.canSync(false, now, Optional.of(at("2026-03-02T08:55:00"))).allowed()).isTrue();
        assertThat(overrun.canSync(false, now, Optional.empty()).allowed()).isFalse();
        assertThat(overrun.canSync(false, now, Optional.of(at("2026-03-02T07:55:00"))).allowed()).isFalse();
    }
}
