package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The CronJob controller: creates a Job for the latest missed schedule time (named after it, so a
 * restart never runs one twice), honours suspend and concurrencyPolicy (Allow, Forbid, Replace),
 * keeps the configured history of finished Jobs, and reports active, lastScheduleTime and
 * lastSuccessfulTime.
 */
final class CronJobController extends SimulatedController {

    static final String NAME = "cronjob-controller";
    static final String SCHEDULED = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    CronJobController(SimulationContext ctx) {
        super(ctx, "cronjobs");
    }

    @Override
    void start() {
        try {
            for (ObjectNode c : ctx.service().list(ctx.kinds().cronJobs(), null, ListOptions.ALL).items()) {
                queue.add(Ref.of(c));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot list cronjobs: " + e.getMessage(), e);
        }
    }

    @Override
    void observe(Observed c) {
        if (c.is("batch", "cronjobs") && !c.deleted()) {
            queue.add(c.ref());
        } else if (c.is("batch", "jobs")) {
            String owner = ObjectFields.controllerName(c.object(), "CronJob");
            if (owner != null) {
                queue.add(new Ref(c.ref().namespace(), owner));
            }
        }
    }

    @Override
    Duration reconcile(Ref ref) throws ApiException {
        Optional<ObjectNode> found = ctx.service().find(ctx.kinds().cronJobs(), ref.namespace(), ref.name());
        if (found.isEmpty() || ObjectFields.deleting(found.get())) {
            return null;
        }
        ObjectNode cj = found.get();
        JsonNode spec = cj.path("spec");
        Instant now = ctx.clock().instant();
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(spec.path("schedule").asText());
        } catch (IllegalArgumentException e) {
            ctx.events().warning(NAME, cj, "UnparseableSchedule", "unparseable schedule: \"" + spec.path("schedule").asText()
                    + "\" : " + e.getMessage());
            return null;
        }
        List<ObjectNode> jobs = new ArrayList<>();
        for (ObjectNode j : ctx.dependents().of(cj, ctx.kinds().jobs())) {
            if (!ObjectFields.deleting(j)) {
                jobs.add(j);
            }
        }
        List<ObjectNode> active = new ArrayList<>();
        Instant lastSuccess = ObjectFields.time(cj.path("status").get("lastSuccessfulTime"));
        for (ObjectNode j : jobs) {
            if (!JobController.finished(j)) {
                active.add(j);
            } else if (ObjectFields.conditionTrue(j, "Complete")) {
                Instant done = ObjectFields.time(j.path("status").get("completionTime"));
                if (done != null && (lastSuccess == null || done.isAfter(lastSuccess))) {
                    lastSuccess = done;
                }
            }
        }
        Instant last = ObjectFields.time(cj.path("status").get("lastScheduleTime"));
        Instant base = last != null ? last : ObjectFields.time(cj.path("metadata").get("creationTimestamp"));
        Instant due = null;
        for (Instant t = schedule.next(base); t != null && !t.isAfter(now); t = schedule.next(t)) {
            due = t;
        }
        if (due != null && !spec.path("suspend").asBoolean(false)) {
            String policy = spec.path("concurrencyPolicy").asText("Allow");
            boolean run = true;
            if (policy.equals("Forbid") && !active.isEmpty()) {
                run = false;
            } else if (policy.equals("Replace")) {
                for (ObjectNode j : active) {
                    deleteJob(cj, j);
                }
                active.clear();
            }
            if (run) {
                active.add(createJob(cj, due));
                last = due;
            }
        }
        trimHistory(cj, jobs);
        ObjectNode status = ObjectFields.NODES.objectNode();
        if (!active.isEmpty()) {
            ArrayNode refs = status.putArray("active");
            for (ObjectNode j : active) {
                ObjectNode r = refs.addObject();
                r.put("apiVersion", "batch/v1");
                r.put("kind", "Job");
                r.put("name", ObjectFields.name(j));
                r.put("namespace", ref.namespace());
                r.put("resourceVersion", j.path("metadata").path("resourceVersion").asText());
                r.put("uid", ObjectFields.uid(j));
            }
        }
        if (last != null) {
            status.put("lastScheduleTime", ObjectFields.stamp(last));
        }
        if (lastSuccess != null) {
            status.put("lastSuccessfulTime", ObjectFields.stamp(lastSuccess));
        }
        if (!ObjectFields.same(status, cj.get("status"))) {
            ObjectNode copy = cj.deepCopy();
            copy.set("status", status);
            ctx.service().update(ctx.kinds().cronJobs(), ref.namespace(), ref.name(), "status", copy, ObjectFields.as(NAME));
        }
        Instant next = schedule.next(now);
        return next == null ? null : Duration.between(now, next).plusMillis(100);
    }

    private ObjectNode createJob(ObjectNode cj, Instant scheduled) throws ApiException {
        JsonNode template = cj.path("spec").path("jobTemplate");
        String name = ObjectFields.name(cj) + "-" + (scheduled.getEpochSecond() / 60);
        ObjectNode job = ObjectFields.NODES.objectNode();
        job.put("apiVersion", "batch/v1");
        job.put("kind", "Job");
        ObjectNode meta = job.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", ObjectFields.namespace(cj));
        JsonNode labels = template.path("metadata").path("labels");
        if (labels.isObject() && labels.size() > 0) {
            meta.set("labels", labels.deepCopy());
        }
        ObjectNode ann = meta.putObject("annotations");
        template.path("metadata").path("annotations").fields().forEachRemaining(e -> ann.set(e.getKey(), e.getValue()));
        ann.put(SCHEDULED, ObjectFields.stamp(scheduled));
        meta.putArray("ownerReferences").add(ObjectFields.controllerRef(cj));
        job.set("spec", template.path("spec").deepCopy());
        try {
            ObjectNode created = ctx.service().create(ctx.kinds().jobs(), ObjectFields.namespace(cj), job, ObjectFields.as(NAME)).object();
            ctx.events().normal(NAME, cj, "SuccessfulCreate", "Created job " + name);
            return created;
        } catch (ApiException e) {
            if (e.code() == 409) {
                return ctx.service().get(ctx.kinds().jobs(), ObjectFields.namespace(cj), name);
            }
            throw e;
        }
    }

    private void trimHistory(ObjectNode cj, List<ObjectNode> jobs) throws ApiException {
        int keepOk = cj.path("spec").path("successfulJobsHistoryLimit").asInt(3);
        int keepFailed = cj.path("spec").path("failedJobsHistoryLimit").asInt(1);
        List<ObjectNode> ok = new ArrayList<>();
        List<ObjectNode> failed = new ArrayList<>();
        for (ObjectNode j : jobs) {
            if (ObjectFields.conditionTrue(j, "Complete")) {
                ok.add(j);
            } else if (ObjectFields.conditionTrue(j, "Failed")) {
                failed.add(j);
            }
        }
        Comparator<ObjectNode> oldestFirst = Comparator.comparing(j -> j.path("metadata").path("creationTimestamp").asText(""));
        ok.sort(oldestFirst);
        failed.sort(oldestFirst);
        for (ObjectNode j : ok.subList(0, Math.max(0, ok.size() - keepOk))) {
            deleteJob(cj, j);
        }
        for (ObjectNode j : failed.subList(0, Math.max(0, failed.size() - keepFailed))) {
            deleteJob(cj, j);
        }
    }

    private void deleteJob(ObjectNode cj, ObjectNode job) throws ApiException {
        try {
            ctx.service().delete(ctx.kinds().jobs(), ObjectFields.namespace(job), ObjectFields.name(job),
                    new DeleteOptions("Background", ObjectFields.uid(job), null, null, false));
            ctx.events().normal(NAME, cj, "SuccessfulDelete", "Deleted job " + ObjectFields.name(job));
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }
}
