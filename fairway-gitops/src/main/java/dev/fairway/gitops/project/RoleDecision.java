package dev.fairway.gitops.project;

/** Whether a project role may do something, and why (the deciding policy, or what was asked). */
public record RoleDecision(boolean allowed, String reason) {

    static RoleDecision allow(String reason) {
        return new RoleDecision(true, reason);
    }

    static RoleDecision deny(String reason) {
        return new RoleDecision(false, reason);
    }
}
