package dev.fairway.gitops.project;

import dev.fairway.kube.GoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code spec.syncWindows}: from each time the cron {@code schedule} names (read
 * in {@code timeZone}, UTC when not given) the window is open for {@code duration}. An allow
 * window lets syncs through while open and, if it is the only kind, blocks them otherwise; a
 * deny window blocks while open. {@code manualSync} lets syncs someone asks for through anyway.
 * The window applies to applications whose name, destination cluster or destination namespace
 * matches one of its globs ({@code andOperator}: all the lists given must match).
 *
 * @param duration the length as written ({@code 1h}, {@code 30m}); see {@link #length()}
 * @param syncOverrun a sync that started while syncing was allowed may run on into a deny
 *     window, or past the end of an allow window
 */
public record SyncWindow(Kind kind, CronSchedule schedule, String duration, ZoneId timeZone,
        List<String> applications, List<String> namespaces, List<String> clusters, boolean manualSync,
        boolean andOperator, String description, boolean syncOverrun) {

    public enum Kind {
        ALLOW, DENY;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SyncWindow {
        applications = List.copyOf(applications);
        namespaces = List.copyOf(namespaces);
        clusters = List.copyOf(clusters);
    }

    public Duration length() {
        return GoDuration.parse(duration);
    }

    /**
     * True when {@code now} lies inside one of the window's openings. As in Argo CD an opening
     * starting at {@code s} covers the open interval (s, s + duration): a window is not yet open
     * at the very instant it starts.
     */
    public boolean isActive(Instant now) {
        return openedAt(now).isPresent();
    }

    /** The start of the opening that {@code now} lies in, if any. */
    public Optional<Instant> openedAt(Instant now) {
        Instant after = now.minus(length());
        LocalDateTime wallClock = LocalDateTime.ofInstant(after, timeZone);
        return schedule.next(wallClock)
                .map(start -> start.atZone(timeZone).toInstant())
                .filter(start -> start.isAfter(after) && start.isBefore(now));
    }

    /** Whether the window applies to the application, by Argo CD's rules (see class comment). */
    public boolean appliesTo(ApplicationRef app) {
        boolean matched = false;
        boolean isSet = false;
        if (!applications.isEmpty()) {
            isSet = true;
            matched = applications.stream().anyMatch(a -> Negatable.matches(a, app.name(), false, ""));
        }
        if (andOperator && isSet && !matched) {
            return false;
        } else if (!andOperator && matched) {
            return true;
        }
        if (!clusters.isEmpty()) {
            isSet = true;
            String server = app.destination().server();
            String name = app.destination().name();
            matched = clusters.stream().anyMatch(c -> (!name.isEmpty() && Negatable.matches(c, name, false, ""))
                    || (!server.isEmpty() && Negatable.matches(c, server, false, "")));
        }
        if (isSet && andOperator && !matched) {
            return false;
        } else if (!andOperator && matched) {
            return true;
        }
        if (!namespaces.isEmpty()) {
            matched = namespaces.stream().anyMatch(n -> Negatable.matches(n, app.destination().namespace(), false, ""));
        }
        return matched;
    }

    /** How messages name the window: {@code deny window '0 22 * * *' for 1h (Europe/Berlin)}. */
    public String describe() {
        String zone = timeZone.equals(ZoneOffset.UTC) ? "UTC" : timeZone.getId();
        return kind.text() + " window '" + schedule + "' for " + duration + " (" + zone + ")"
                + (description.isEmpty() ? "" : " \"" + description + "\"");
    }

    static SyncWindow parse(ProjectFields f) {
        String kindText = f.string("kind", "");
        Kind kind = switch (kindText) {
            case "allow" -> Kind.ALLOW;
            case "deny" -> Kind.DENY;
            default -> throw f.error("kind", "kind '" + kindText + "' mismatch: can only be allow or deny");
        };
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(f.string("schedule", ""));
        } catch (IllegalArgumentException e) {
            throw f.error("schedule", "cannot parse schedule '" + f.string("schedule", "") + "': " + e.getMessage());
        }
        String duration = f.string("duration", "");
        try {
            GoDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw f.error("duration", "cannot parse duration '" + duration + "': use a duration such as 1h, 30m or 1h30m");
        }
        String zoneText = f.string("timeZone", "");
        ZoneId zone;
        try {
            // Argo CD falls back to UTC for a zone it does not know; a freeze window silently
            // shifted by hours is worse than a project that says what is wrong
            zone = zoneText.isEmpty() || zoneText.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw f.error("timeZone", "unknown time zone '" + zoneText + "'; use an IANA name such as Europe/Berlin or UTC");
        }
        String description = f.string("description", "");
        if (description.length() > 255) {
            throw f.error("description", "description must not exceed 255 characters");
        }
        List<String> applications = globs(f, "applications");
        List<String> namespaces = globs(f, "namespaces");
        List<String> clusters = globs(f, "clusters");
        if (applications.isEmpty() && namespaces.isEmpty() && clusters.isEmpty()) {
            throw f.error("window '" + kindText + "':'" + schedule + "':'" + duration
                    + "' requires one of application, cluster or namespace");
        }
        return new SyncWindow(kind, schedule, duration, zone, applications, namespaces, clusters,
                f.bool("manualSync"), f.bool("andOperator"), description, f.bool("syncOverrun"));
    }

    private static List<String> globs(ProjectFields f, String field) {
        List<String> values = f.strings(field);
        for (int i = 0; i < values.size(); i++) {
            String problem = ArgoGlob.problem(values.get(i), "");
            if (problem != null) {
                throw f.error(field + "[" + i + "]", problem);
            }
        }
        return values;
    }
}
