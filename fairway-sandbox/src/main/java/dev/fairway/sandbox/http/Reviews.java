package dev.fairway.sandbox.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ResourceType;

/**
 * Answers the review kinds that are asked, not stored: {@code kubectl auth can-i}
 * (SelfSubjectAccessReview, SelfSubjectRulesReview) and {@code kubectl auth whoami}
 * (SelfSubjectReview). The sandbox has one user, whose token may do everything.
 */
final class Reviews {

    static final String USER = "fairway-admin";

    private Reviews() {}

    static boolean isReview(ResourceType t) {
        return t.kind().startsWith("SelfSubject");
    }

    static ObjectNode answer(ResourceType t, ObjectNode body) {
        ObjectNode out = body.deepCopy();
        out.put("apiVersion", t.groupVersion().toString());
        out.put("kind", t.kind());
        if (!out.path("metadata").isObject()) {
            out.putObject("metadata");
        }
        ((ObjectNode) out.get("metadata")).putNull("creationTimestamp");
        ObjectNode status = out.putObject("status");
        switch (t.kind()) {
            case "SelfSubjectAccessReview" -> {
                status.put("allowed", true);
                status.put("reason", "the sandbox's token has every right (RBAC objects are stored, not enforced)");
            }
            case "SelfSubjectRulesReview" -> {
                ArrayNode rules = status.putArray("resourceRules");
                ObjectNode all = rules.addObject();
                all.putArray("verbs").add("*");
                all.putArray("apiGroups").add("*");
                all.putArray("resources").add("*");
                ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
                nonResource.putArray("verbs").add("*");
                nonResource.putArray("nonResourceURLs").add("*");
                status.put("incomplete", false);
            }
            default -> {
                ObjectNode user = status.putObject("userInfo");
                user.put("username", USER);
                ArrayNode groups = user.putArray("groups");
                groups.add("system:masters");
                groups.add("system:authenticated");
            }
        }
        return out;
    }

}
