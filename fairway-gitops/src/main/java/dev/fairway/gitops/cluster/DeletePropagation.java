package dev.fairway.gitops.cluster;

import java.util.Locale;

/** What happens to an object's dependents when it is deleted ({@code PrunePropagationPolicy}). */
public enum DeletePropagation {
    FOREGROUND, BACKGROUND, ORPHAN;

    /**
     * Reads the sync option value {@code foreground}, {@code background} or {@code orphan}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DeletePropagation parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PrunePropagationPolicy must be foreground, background or orphan, not \""
                    + value + "\"");
        }
    }
}
