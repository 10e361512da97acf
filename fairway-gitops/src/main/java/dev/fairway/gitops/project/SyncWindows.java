package dev.fairway.gitops.project;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A project's sync windows, and Argo CD's verdict on whether a sync may run now. Ask the
 * windows that apply to the application ({@link #matching}) or use
 * {@link #canSync(ApplicationRef, boolean, Instant)}, which does both.
 */
public record SyncWindows(List<SyncWindow> windows) {

    /** The message Argo CD gives a blocked sync; we add the window that blocks it. */
    public static final String BLOCKED = "Sync operation blocked by sync window";

    public SyncWindows {
        windows = List.copyOf(windows);
    }

    public static SyncWindows none() {
        return new SyncWindows(List.of());
    }

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    /** The windows that apply to the application. */
    public SyncWindows matching(ApplicationRef app) {
        return new SyncWindows(windows.stream().filter(w -> w.appliesTo(app)).toList());
    }

    /** The windows open at {@code now}. */
    public List<SyncWindow> active(Instant now) {
        return windows.stream().filter(w -> w.isActive(now)).toList();
    }

    /** The windows of the application open at {@code now}, as {@code argocd app get} lists them. */
    public List<SyncWindow> activeWindows(ApplicationRef app, Instant now) {
        return matching(app).active(now);
    }

    /**
     * Whether the application may sync at {@code now}.
     *
     * @param manual true for a sync someone asked for, false for an automated one
     */
    public SyncWindowDecision canSync(ApplicationRef app, boolean manual, Instant now) {
        return matching(app).canSync(manual, now, Optional.empty());
    }

    /**
     * Argo CD's rules, for windows that already apply to the application: an open deny window
     * blocks (a manual sync passes only when every open deny window has {@code manualSync});
     * otherwise an open allow window lets the sync through; otherwise, if there are allow windows
     * and none is open, the sync is blocked (a manual sync passes when all of them have
     * {@code manualSync}); with no windows at all, syncs run. An operation that started while
     * syncing was allowed ({@code operationStarted}) may run on when every window that now blocks
     * it has {@code syncOverrun}.
     */
    public SyncWindowDecision canSync(boolean manual, Instant now, Optional<Instant> operationStarted) {
        if (windows.isEmpty()) {
            return SyncWindowDecision.allow();
        }
        List<SyncWindow> active = active(now);
        List<SyncWindow> activeDenies = active.stream().filter(w -> w.kind() == SyncWindow.Kind.DENY).toList();
        if (!activeDenies.isEmpty()) {
            if (manual && activeDenies.stream().allMatch(SyncWindow::manualSync)) {
                return SyncWindowDecision.allow();
            }
            if (operationStarted.isPresent() && activeDenies.stream().allMatch(SyncWindow::syncOverrun)
                    && canSync(manual, operationStarted.get(), Optional.empty()).allowed()) {
                return SyncWindowDecision.allow();
            }
            List<SyncWindow> blocking = manual
                    ? activeDenies.stream().filter(w -> !w.manualSync()).toList() : activeDenies;
            return SyncWindowDecision.block(blocking, BLOCKED + ": " + describe(blocking) + (blocking.size() == 1 ? " is" : " are") + " active");
        }
        if (active.stream().anyMatch(w -> w.kind() == SyncWindow.Kind.ALLOW)) {
            return SyncWindowDecision.allow();
        }
        List<SyncWindow> inactiveAllows = windows.stream()
                .filter(w -> w.kind() == SyncWindow.Kind.ALLOW && !w.isActive(now)).toList();
        if (!inactiveAllows.isEmpty()) {
            if (manual && inactiveAllows.stream().allMatch(SyncWindow::manualSync)) {
                return SyncWindowDecision.allow();
            }
            if (operationStarted.isPresent() && inactiveAllows.stream().allMatch(SyncWindow::syncOverrun)
                    && canSync(manual, operationStarted.get(), Optional.empty()).allowed()) {
                return SyncWindowDecision.allow();
            }
            return SyncWindowDecision.block(inactiveAllows,
                    BLOCKED + ": no allow window is open (" + describe(inactiveAllows) + ")");
        }
        return SyncWindowDecision.allow();
    }

    private static String describe(List<SyncWindow> windows) {
        return windows.stream().map(SyncWindow::describe).collect(Collectors.joining(", "));
    }
}
