package dev.fairway.gitops.project;

/** Argo CD's project glob: {@code *} matches everything, a leading {@code !} inverts the match. */
final class Negatable {

    private Negatable() {}

    static boolean isDeny(String pattern) {
        return pattern.startsWith("!");
    }

    static String body(String pattern) {
        return isDeny(pattern) ? pattern.substring(1) : pattern;
    }

    /** Argo CD's {@code globMatch}: a deny pattern matches every value its body does not. */
    static boolean matches(String pattern, String value, boolean allowNegation, String separators) {
        if (allowNegation && isDeny(pattern)) {
            return !ArgoGlob.matches(pattern.substring(1), value, separators);
        }
        if (pattern.equals("*")) {
            return true;
        }
        return ArgoGlob.matches(pattern, value, separators);
    }
}
