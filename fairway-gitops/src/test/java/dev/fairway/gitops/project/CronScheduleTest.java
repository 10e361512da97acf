package dev.fairway.gitops.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static LocalDateTime next(String schedule, String after) {
        return CronSchedule.parse(schedule).next(LocalDateTime.parse(after)).orElseThrow();
    }

    @Test
    void nextIsStrictlyAfter() {
        assertThat(next("0 22 * * *", "2026-03-02T21:59:30")).isEqualTo("2026-03-02T22:00");
        assertThat(next("0 22 * * *", "2026-03-02T22:00")).isEqualTo("2026-03-03T22:00");
    }

    @Test
    void rangesStepsAndLists() {
        assertThat(next("*/15 * * * *", "2026-03-02T10:01")).isEqualTo("2026-03-02T10:15");
        assertThat(next("10/20 * * * *", "2026-03-02T10:31")).as("10/20 runs from 10 to the end").isEqualTo("2026-03-02T10:50");
        assertThat(next("0 9-17/4 * * *", "2026-03-02T10:00")).isEqualTo("2026-03-02T13:00");
        assertThat(next("5,35 * * * *", "2026-03-02T10:06")).isEqualTo("2026-03-02T10:35");
        assertThat(next("0 0 1 */3 *", "2026-02-10T00:00")).isEqualTo("2026-04-01T00:00");
    }

    @Test
    void monthAndDayNamesInAnyCase() {
        // 2026-03-02 is a Monday
        assertThat(next("0 8 * * SAT", "2026-03-02T00:00")).isEqualTo("2026-03-07T08:00");
        assertThat(next("0 8 * * mon-fri", "2026-03-06T09:00")).isEqualTo("2026-03-09T08:00");
        assertThat(next("0 0 1 Dec *", "2026-03-02T00:00")).isEqualTo("2026-12-01T00:00");
        assertThat(next("0 8 * * 0", "2026-03-02T00:00")).as("0 is Sunday").isEqualTo("2026-03-08T08:00");
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        // the 15th, or any Friday: Friday 2026-03-06 comes first
        assertThat(next("0 0 15 * 5", "2026-03-02T00:00")).isEqualTo("2026-03-06T00:00");
        // with the day of week a star, only the 15th
        assertThat(next("0 0 15 * *", "2026-03-02T00:00")).isEqualTo("2026-03-15T00:00");
        // a step over the whole week is a restriction too (robfig clears the star)
        assertThat(next("0 0 15 * */2", "2026-03-02T00:00")).isEqualTo("2026-03-03T00:00");
    }

    @Test
    void leapDayIsFound() {
        assertThat(next("0 0 29 2 *", "2026-03-01T00:00")).isEqualTo("2028-02-29T00:00");
    }

    @Test
    void mistakesNameTheField() {
        assertThatThrownBy(() -> CronSchedule.parse("0 22 * *")).hasMessageContaining("exactly 5 fields")
                .hasMessageContaining("found 4");
        assertThatThrownBy(() -> CronSchedule.parse("0 22 * * * *")).hasMessageContaining("found 6");
        assertThatThrownBy(() -> CronSchedule.parse("60 * * * *")).hasMessageContaining("minute field \"60\"")
                .hasMessageContaining("above maximum (59)");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * 7")).hasMessageContaining("day of week");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 0 * *")).hasMessageContaining("below minimum (1)");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * foo *")).hasMessageContaining("'foo' is not a number");
        assertThatThrownBy(() -> CronSchedule.parse("0 5-1 * * *")).hasMessageContaining("beyond end of range");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessageContaining("positive");
        assertThatThrownBy(() -> CronSchedule.parse("@daily")).hasMessageContaining("descriptors");
        assertThatThrownBy(() -> CronSchedule.parse("")).hasMessageContaining("empty schedule");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 31 2 *")).hasMessageContaining("never fires");
    }
}
