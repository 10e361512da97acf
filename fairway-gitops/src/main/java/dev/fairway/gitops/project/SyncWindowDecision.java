package dev.fairway.gitops.project;

import java.util.List;

/**
 * Whether sync windows let a sync run; when not, the windows to blame and a message such as
 * {@code Sync operation blocked by sync window: deny window '0 22 * * *' for 8h (UTC) is active}.
 */
public record SyncWindowDecision(boolean allowed, String message, List<SyncWindow> blockedBy) {

    public SyncWindowDecision {
        blockedBy = List.copyOf(blockedBy);
    }

    static SyncWindowDecision allow() {
        return new SyncWindowDecision(true, "", List.of());
    }

    static SyncWindowDecision block(List<SyncWindow> windows, String message) {
        return new SyncWindowDecision(false, message, windows);
    }
}
