package dev.fairway.gitops.sync;

/** When a hook object is deleted ({@code argocd.argoproj.io/hook-delete-policy}). */
public enum HookDeletePolicy {
    /** Deleted once it succeeded. */
    HookSucceeded,
    /** Deleted once it failed. */
    HookFailed,
    /** The previous one (same name) is deleted before it is created again; the default. */
    BeforeHookCreation
}
