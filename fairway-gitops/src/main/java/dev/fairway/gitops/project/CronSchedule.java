package dev.fairway.gitops.project;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron schedule as Argo CD's sync windows read it (robfig/cron's standard parser):
 * minute, hour, day of month, month, day of week; each field {@code *}, {@code ?}, a number, a
 * range {@code 1-5}, a step {@code *}{@code /15} or {@code 10/5} (from 10 to the end), or a
 * comma-separated list of those; month names {@code jan}-{@code dec} and day names
 * {@code sun}-{@code sat} in any case; Sunday is 0 (7 is refused, as robfig refuses it).
 * When both day fields are restricted a day matching either is enough, as in classic cron.
 * Descriptors such as {@code @daily} are refused, as Argo CD's parser refuses them.
 */
public final class CronSchedule {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6);
    /** robfig/cron gives up after five years; so do we (a schedule that never fires is refused). */
    private static final int SEARCH_YEARS = 5;

    private final String text;
    private final Field minute;
    private final Field hour;
    private final Field dayOfMonth;
    private final Field month;
    private final Field dayOfWeek;

    private record Field(long bits, boolean star) {
        boolean has(int value) {
            return (bits & (1L << value)) != 0;
        }
    }

    private CronSchedule(String text, Field[] fields) {
        this.text = text;
        this.minute = fields[0];
        this.hour = fields[1];
        this.dayOfMonth = fields[2];
        this.month = fields[3];
        this.dayOfWeek = fields[4];
    }

    /** @throws IllegalArgumentException naming the field that is wrong and why */
    public static CronSchedule parse(String text) {
        String spec = text == null ? "" : text.strip();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty schedule; give five fields such as \"0 22 * * *\"");
        }
        if (spec.startsWith("@")) {
            throw new IllegalArgumentException("descriptors such as " + spec.split("\\s+")[0]
                    + " are not accepted; write the five fields, e.g. \"0 0 * * *\" for @daily");
        }
        String[] parts = spec.split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields (minute hour day-of-month month day-of-week), found "
                    + parts.length + ": " + spec);
        }
        Field[] fields = {
            field("minute", parts[0], 0, 59, Map.of()),
            field("hour", parts[1], 0, 23, Map.of()),
            field("day of month", parts[2], 1, 31, Map.of()),
            field("month", parts[3], 1, 12, MONTHS),
            field("day of week", parts[4], 0, 6, DAYS),
        };
        CronSchedule schedule = new CronSchedule(spec, fields);
        if (schedule.next(LocalDateTime.of(2000, 1, 1, 0, 0)).isEmpty()) {
            throw new IllegalArgumentException("the schedule \"" + spec + "\" never fires (no such date)");
        }
        return schedule;
    }

    private static Field field(String name, String expr, int min, int max, Map<String, Integer> names) {
        long bits = 0;
        boolean star = false;
        for (String item : expr.split(",", -1)) {
            String[] rangeAndStep = item.split("/", -1);
            if (rangeAndStep.length > 2) {
                throw bad(name, expr, "too many slashes in " + item);
            }
            String[] lowHigh = rangeAndStep[0].split("-", -1);
            int start;
            int end;
            boolean itemStar = false;
            if (lowHigh[0].equals("*") || lowHigh[0].equals("?")) {
                if (lowHigh.length > 1) {
                    throw bad(name, expr, "'" + item + "' is not a range");
                }
                start = min;
                end = max;
                itemStar = true;
            } else {
                start = value(name, expr, lowHigh[0], names);
                end = switch (lowHigh.length) {
                    case 1 -> start;
                    case 2 -> value(name, expr, lowHigh[1], names);
                    default -> throw bad(name, expr, "too many hyphens in " + item);
                };
            }
            int step = 1;
            if (rangeAndStep.length == 2) {
                step = number(name, expr, rangeAndStep[1]);
                if (lowHigh.length == 1) {
                    end = max; // "10/5" means from 10 to the end in steps of 5
                }
                if (step > 1) {
                    itemStar = false;
                }
            }
            if (start < min) {
                throw bad(name, expr, "beginning of range (" + start + ") below minimum (" + min + ")");
            }
            if (end > max) {
                throw bad(name, expr, "end of range (" + end + ") above maximum (" + max + ")");
            }
            if (start > end) {
                throw bad(name, expr, "beginning of range (" + start + ") beyond end of range (" + end + ")");
            }
            if (step <= 0) {
                throw bad(name, expr, "step of range should be a positive number");
            }
            for (int v = start; v <= end; v += step) {
                bits |= 1L << v;
            }
            star |= itemStar;
        }
        return new Field(bits, star);
    }

    private static int value(String name, String expr, String token, Map<String, Integer> names) {
        Integer named = names.get(token.toLowerCase(Locale.ROOT));
        return named != null ? named : number(name, expr, token);
    }

    private static int number(String name, String expr, String token) {
        try {
            int n = Integer.parseInt(token);
            if (n < 0) {
                throw bad(name, expr, "negative number " + token);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(name, expr, "'" + token + "' is not a number" + (token.isEmpty() ? " (empty)" : ""));
        }
    }

    private static IllegalArgumentException bad(String field, String expr, String why) {
        return new IllegalArgumentException(field + " field \"" + expr + "\": " + why);
    }

    /**
     * The first minute strictly after {@code after} (wall-clock time) that the schedule names,
     * or empty when there is none within five years.
     */
    public Optional<LocalDateTime> next(LocalDateTime after) {
        LocalDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!month.has(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hour.has(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minute.has(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = dayOfMonth.has(t.getDayOfMonth());
        boolean dow = dayOfWeek.has(t.getDayOfWeek().getValue() % 7);
        return dayOfMonth.star() || dayOfWeek.star() ? dom && dow : dom || dow;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
