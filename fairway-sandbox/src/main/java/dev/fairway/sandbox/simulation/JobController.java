package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Job controller: runs up to {@code parallelism} pods until {@code completions} succeeded,
 * recreating failed ones with back-off until {@code backoffLimit}; honours suspend and
 * activeDeadlineSeconds; reports active/ready/succeeded/failed, startTime, completionTime and the
 * Complete/Failed conditions ({@code kubectl wait --for=condition=complete} reads them).
 */
final class JobController extends SimulatedController {

    static final String NAME = "job-controller";

    private final OwnedPods pods;

    JobController(SimulationContext ctx) {
        super(ctx, "jobs");
        this.pods = new OwnedPods(ctx);
    }

    @Override
    void start() {
        try {
            for (ObjectNode j : ctx.service().list(ctx.kinds().jobs(), null, ListOptions.ALL).items()) {
                queue.add(Ref.of(j));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list jobs: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("batch", "jobs") && !c.deleted()) {
            queue.add(c.ref());
        } else if (c.is("", "pods")) {
            String owner = ObjectFields.controllerName(c.object(), "Job");
            if (owner != null) {
                queue.add(new Ref(c.ref().namespace(), owner));
            }
        }
    }

    static boolean finished(JsonNode job) {
        return ObjectFields.conditionTrue(job, "Complete") || ObjectFields.conditionTrue(job, "Failed");
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().jobs(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())) {
            return null;
        }
        ObjectNode job = found.get();
        JsonNode spec = job.path("spec");
        Instant now = ctx.clock().instant();
        List<ObjectNode> owned = pods.of(job, spec.get("selector"));
        List<ObjectNode> active = new ArrayList<>();
        int succeeded = 0;
        int failed = 0;
        int ready = 0;
        Instant lastFailure = null;
        boolean onFailure = "OnFailure".equals(spec.path("template").path("spec").path("restartPolicy").asText());
        for (ObjectNode p : owned) {
            String phase = p.path("status").path("phase").asText("");
            if (phase.equals("Succeeded")) {
                succeeded++;
            } else if (phase.equals("Failed")) {
                failed++;
                for (JsonNode cs : p.path("status").path("containerStatuses")) {
                    Instant at = ObjectFields.time(cs.path("state").path("terminated").get("finishedAt"));
                    if (at != null && (lastFailure == null || at.isAfter(lastFailure))) {
                        lastFailure = at;
                    }
                }
            } else if (!ObjectFields.deleting(p)) {
                active.add(p);
                if (OwnedPods.ready(p)) {
                    ready++;
                }
                if (onFailure) {
                    for (JsonNode cs : p.path("status").path("containerStatuses")) {
                        failed += cs.path("restartCount").asInt(0);
                    }
                }
            }
        }
        JsonNode oldStatus = job.path("status");
        ObjectNode status = oldStatus.isObject() ? ((ObjectNode) oldStatus).deepCopy() : ObjectFields.NODES.objectNode();
        boolean suspended = spec.path("suspend").asBoolean(false);
        Duration again = null;
        if (finished(job)) {
            if (ObjectFields.conditionTrue(job, "Failed")) {
                for (ObjectNode p : active) {
                    pods.delete(p);
                }
            }
            return null;
        }
        Integer completions = spec.hasNonNull("completions") ? spec.get("completions").asInt() : null;
        int parallelism = spec.path("parallelism").asInt(1);
        int backoffLimit = spec.path("backoffLimit").asInt(6);
        if (!suspended && !status.has("startTime")) {
            status.put("startTime", ObjectFields.stamp(now));
        }
        Instant started = ObjectFields.time(status.get("startTime"));
        String failReason = null;
        String failMessage = null;
        if (failed > backoffLimit) {
            failReason = "BackoffLimitExceeded";
            failMessage = "Job has reached the specified backoff limit";
        } else if (spec.hasNonNull("activeDeadlineSeconds") && started != null && !suspended
                && !started.plusSeconds(spec.get("activeDeadlineSeconds").asLong()).isAfter(now)) {
            failReason = "DeadlineExceeded";
            failMessage = "Job was active longer than specified deadline";
        }
        boolean complete = completions != null ? succeeded >= completions : succeeded > 0 && active.isEmpty();
        if (failReason != null) {
            for (ObjectNode p : active) {
                pods.delete(p);
            }
            active.clear();
            ObjectFields.setCondition(status, oldStatus, "FailureTarget", "True", failReason, failMessage, now, true, false);
            ObjectFields.setCondition(status, oldStatus, "Failed", "True", failReason, failMessage, now, true, false);
            ctx.events().warning(NAME, job, failReason, failMessage);
        } else if (complete) {
            ObjectFields.setCondition(status, oldStatus, "SuccessCriteriaMet", "True", "CompletionsReached",
                    "Reached expected number of succeeded pods", now, true, false);
            ObjectFields.setCondition(status, oldStatus, "Complete", "True", "CompletionsReached",
                    "Reached expected number of succeeded pods", now, true, false);
            status.put("completionTime", ObjectFields.stamp(now));
            ctx.events().normal(NAME, job, "Completed", "Job completed");
        } else if (suspended) {
            for (ObjectNode p : active) {
                pods.delete(p);
                ctx.events().normal(NAME, job, "SuccessfulDelete", "Deleted pod: " + ObjectFields.name(p));
            }
            active.clear();
            if (!ObjectFields.conditionTrue(job, "Suspended")) {
                ObjectFields.setCondition(status, oldStatus, "Suspended", "True", "JobSuspended", "Job suspended", now, true, false);
                ctx.events().normal(NAME, job, "Suspended", "Job suspended");
            }
        } else {
            if (ObjectFields.conditionTrue(job, "Suspended")) {
                ObjectFields.setCondition(status, oldStatus, "Suspended", "False", "JobResumed", "Job resumed", now, true, false);
                ctx.events().normal(NAME, job, "Resumed", "Job resumed");
            }
            int remaining = completions == null ? (succeeded > 0 ? 0 : 1) : completions - succeeded;
            int want = Math.max(0, Math.min(parallelism, remaining));
            Duration wait = Duration.ZERO;
            if (failed > 0 && lastFailure != null && !onFailure) {
                Duration delay = ctx.config().backOff();
                for (int i = 1; i < failed && delay.compareTo(Duration.ofMinutes(6)) < 0; i++) {
                    delay = delay.multipliedBy(2);
                }
                wait = Duration.between(now, lastFailure.plus(delay));
            }
            if (active.size() < want && (wait.isNegative() || wait.isZero())) {
                for (int i = active.size(); i < want; i++) {
                    ObjectNode p = pods.create(job, spec.path("template"), null, ObjectFields.name(job) + "-", Map.of(), NAME);
                    ctx.events().normal(NAME, job, "SuccessfulCreate", "Created pod: " + ObjectFields.name(p));
                }
            } else if (active.size() < want) {
                again = wait;
            } else if (active.size() > want) {
                active.sort(OwnedPods.DELETE_FIRST);
                for (ObjectNode p : active.subList(0, active.size() - want)) {
                    pods.delete(p);
                }
            }
            if (spec.hasNonNull("activeDeadlineSeconds") && started != null) {
                Duration left = Duration.between(now, started.plusSeconds(spec.get("activeDeadlineSeconds").asLong()));
                again = again == null || left.compareTo(again) < 0 ? left : again;
            }
        }
        setCount(status, "active", complete || failReason != null ? 0 : active.size());
        status.put("ready", complete || failReason != null ? 0 : ready);
        setCount(status, "succeeded", succeeded);
        setCount(status, "failed", failed);
        status.put("terminating", 0);
        status.putObject("uncountedTerminatedPods");
        if (!ObjectFields.same(status, oldStatus)) {
            ObjectNode copy = job.deepCopy();
            copy.set("status", status);
            ctx.service().update(ctx.kinds().jobs(), ref.namespace(), ref.name(), "status", copy, ObjectFields.as(NAME));
        }
        return again;
    }

    private static void setCount(ObjectNode status, String field, int n) {
        if (n > 0) {
            status.put(field, n);
        } else {
            status.remove(field);
        }
    }
}
