package dev.fairway.sandbox.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Defaults of batch/v1 Jobs and CronJobs, including the selector a Job generates from its uid. */
final class JobDefaults {

    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String LEGACY_CONTROLLER_UID = "controller-uid";
    static final String LEGACY_JOB_NAME = "job-name";

    private JobDefaults() {}

    static void job(ObjectNode job) {
        ObjectNode spec = Tree.child(job, "spec");
        if (Tree.absent(spec, "completions") && Tree.absent(spec, "parallelism")) {
            spec.put("completions", 1);
            spec.put("parallelism", 1);
        }
        Tree.number(spec, "parallelism", 1);
        if (Tree.absent(spec, "backoffLimit")) {
            spec.put("backoffLimit", Tree.absent(spec, "backoffLimitPerIndex") ? 6 : Integer.MAX_VALUE);
        }
        Tree.text(spec, "completionMode", "NonIndexed");
        Tree.bool(spec, "suspend", false);
        Tree.text(spec, "podReplacementPolicy", Tree.absent(spec, "podFailurePolicy") ? "TerminatingOrFailed" : "Failed");
        Tree.bool(spec, "manualSelector", false);
        ObjectNode failurePolicy = Tree.existing(spec, "podFailurePolicy");
        if (failurePolicy != null) {
            for (ObjectNode rule : Tree.objects(failurePolicy, "rules")) {
                for (ObjectNode pattern : Tree.objects(rule, "onPodConditions")) {
                    Tree.text(pattern, "status", "True");
                }
            }
        }
        ObjectNode template = Tree.child(spec, "template");
        PodSpecDefaults.template(template);

        String uid = Tree.textOf(job.get("metadata"), "uid");
        if (!spec.path("manualSelector").asBoolean(false) && !uid.isEmpty()) {
            generateSelector(job, spec, template, uid);
        }
        // Template labels become the Job's labels when it has none (a real server does this when
        // the stored Job is read back, after the selector labels were added).
        ObjectNode templateLabels = Tree.existing(Tree.existing(template, "metadata"), "labels");
        ObjectNode metadata = Tree.child(job, "metadata");
        if (templateLabels != null && (Tree.existing(metadata, "labels") == null || metadata.get("labels").isEmpty())) {
            metadata.set("labels", templateLabels.deepCopy());
        }
    }

    private static void generateSelector(ObjectNode job, ObjectNode spec, ObjectNode template, String uid) {
        String name = Tree.textOf(job.get("metadata"), "name");
        ObjectNode labels = Tree.child(Tree.child(template, "metadata"), "labels");
        for (String key : List.of(LEGACY_JOB_NAME, JOB_NAME)) {
            if (!labels.has(key)) {
                labels.put(key, name);
            }
        }
        for (String key : List.of(LEGACY_CONTROLLER_UID, CONTROLLER_UID)) {
            if (!labels.has(key)) {
                labels.put(key, uid);
            }
        }
        ObjectNode matchLabels = Tree.child(Tree.child(spec, "selector"), "matchLabels");
        if (!matchLabels.has(CONTROLLER_UID)) {
            matchLabels.put(CONTROLLER_UID, uid);
        }
    }

    static void cronJob(ObjectNode cronJob) {
        ObjectNode spec = Tree.child(cronJob, "spec");
        Tree.text(spec, "concurrencyPolicy", "Allow");
        Tree.bool(spec, "suspend", false);
        Tree.number(spec, "successfulJobsHistoryLimit", 3);
        Tree.number(spec, "failedJobsHistoryLimit", 1);
        ObjectNode jobTemplate = Tree.child(spec, "jobTemplate");
        ObjectNode metadata = Tree.child(jobTemplate, "metadata");
        if (!metadata.has("creationTimestamp")) {
            metadata.putNull("creationTimestamp");
        }
        PodSpecDefaults.template(Tree.child(Tree.child(jobTemplate, "spec"), "template"));
    }
}
