package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A pod's failure behaviour, chosen with the {@code sandbox.fairway.dev/behavior} annotation on the
 * pod (or its template). Unknown values behave normally.
 */
enum Behavior {
    /** Starts, runs and (for Job pods) completes. */
    NORMAL,
    /** Exits with code 1 a second after each start: CrashLoopBackOff with rising restart counts. */
    CRASHLOOP,
    /** The image can never be pulled: ErrImagePull, then ImagePullBackOff. */
    IMAGEPULLBACKOFF,
    /** Runs, but its readiness probe never passes. */
    UNREADY,
    /** Runs for the job run time, then exits with code 1 (Failed with restartPolicy Never, restarts otherwise). */
    FAIL,
    /** Killed for exceeding its memory limit a second after each start (exit code 137, OOMKilled). */
    OOMKILLED,
    /** Runs at once but becomes Ready only after twenty times the pod start-up. */
    SLOW_START;

    static Behavior of(JsonNode pod) {
        String v = ObjectFields.annotation(pod, Simulator.BEHAVIOR_ANNOTATION);
        if (v == null) {
            return NORMAL;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "crashloop", "crashloopbackoff" -> CRASHLOOP;
            case "imagepullbackoff", "errimagepull" -> IMAGEPULLBACKOFF;
            case "unready" -> UNREADY;
            case "fail", "error" -> FAIL;
            case "oomkilled", "oom" -> OOMKILLED;
            case "slow-start", "slowstart" -> SLOW_START;
            default -> NORMAL;
        };
    }

    boolean crashes() {
        return this == CRASHLOOP || this == FAIL || this == OOMKILLED;
    }
}
