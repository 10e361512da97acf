package dev.fairway.gitops.sync;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one sync operation.
 *
 * @param phase {@code Succeeded}, {@code Failed} or {@code Error}, as Argo CD's operation phases
 */
public record SyncResult(String revision, String phase, String message, List<ResourceResult> resources,
        Instant startedAt, Instant finishedAt) {

    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String ERROR = "Error";

    public SyncResult {
        resources = List.copyOf(resources);
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(phase);
    }
}
