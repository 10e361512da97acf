package dev.fairway.gitops.app;

import java.util.Optional;

/** {@code spec.syncPolicy}. Without {@code automated}, the application syncs only when asked. */
public record SyncPolicy(Optional<AutomatedSync> automated, SyncOptions syncOptions, Optional<RetryStrategy> retry) {

    public static SyncPolicy manual() {
        return new SyncPolicy(Optional.empty(), SyncOptions.none(), Optional.empty());
    }

    static SyncPolicy parse(SpecFields f) {
        if (!f.present()) {
            return manual();
        }
        SpecFields automated = f.object("automated");
        SpecFields retry = f.object("retry");
        return new SyncPolicy(
                automated.present() ? Optional.of(AutomatedSync.parse(automated)) : Optional.empty(),
                SyncOptions.parse(f, "syncOptions"),
                retry.present() ? Optional.of(RetryStrategy.parse(retry)) : Optional.empty());
    }
}
