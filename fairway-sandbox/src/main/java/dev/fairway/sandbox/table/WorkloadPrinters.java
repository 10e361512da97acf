package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Printers for the workload controllers: Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob and friends. */
final class WorkloadPrinters {

    private static final Column CONTAINERS = Column.text("Containers", "Names of each container in the template.").wide();
    private static final Column IMAGES = Column.text("Images", "Images referenced by each container in the template.").wide();
    private static final Column SELECTOR = Column.text("Selector", "Label selector for the pods.").wide();

    private WorkloadPrinters() {}

    static KindPrinter deployment() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Ready", "Number of the pod with ready state"),
                Column.text("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
                Column.text("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
                Column.ageColumn(), CONTAINERS, IMAGES, SELECTOR),
                (obj, now) -> {
                    JsonNode selector = obj.path("spec").path("selector");
                    String selectorText = selector.isObject() ? Labels.selectorString(selector) : "";
                    List<Object> cells = list(Fields.name(obj),
                            Fields.number(obj, "status", "readyReplicas") + "/" + Fields.number(obj, "spec", "replicas"),
                            Fields.number(obj, "status", "updatedReplicas"),
                            Fields.number(obj, "status", "availableReplicas"),
                            age(obj, now));
                    addContainers(cells, obj.path("spec").path("template"));
                    cells.add(selectorText);
                    return cells;
                });
    }

    static KindPrinter replicaSet() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.integer("Desired", "Number of desired pods."),
                Column.integer("Current", "Number of pods currently created."),
                Column.integer("Ready", "Number of pods ready."),
                Column.ageColumn(), CONTAINERS, IMAGES, SELECTOR),
                (obj, now) -> {
                    List<Object> cells = list(Fields.name(obj),
                            Fields.number(obj, "spec", "replicas"),
                            Fields.number(obj, "status", "replicas"),
                            Fields.number(obj, "status", "readyReplicas"),
                            age(obj, now));
                    addContainers(cells, obj.path("spec").path("template"));
                    cells.add(Labels.formatSelector(obj.path("spec").path("selector")));
                    return cells;
                });
    }

    static KindPrinter replicationController() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.integer("Desired", "Number of desired pods."),
                Column.integer("Current", "Number of pods currently created."),
                Column.integer("Ready", "Number of pods ready."),
                Column.ageColumn(), CONTAINERS, IMAGES, SELECTOR),
                (obj, now) -> {
                    List<Object> cells = list(Fields.name(obj),
                            Fields.number(obj, "spec", "replicas"),
                            Fields.number(obj, "status", "replicas"),
                            Fields.number(obj, "status", "readyReplicas"),
                            age(obj, now));
                    addContainers(cells, obj.path("spec").path("template"));
                    cells.add(Labels.format(Fields.stringMap(obj, "spec", "selector")));
                    return cells;
                });
    }

    static KindPrinter statefulSet() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Ready", "Number of the pod with ready state"),
                Column.ageColumn(), CONTAINERS, IMAGES),
                (obj, now) -> {
                    List<Object> cells = list(Fields.name(obj),
                            Fields.number(obj, "status", "readyReplicas") + "/" + Fields.number(obj, "spec", "replicas"),
                            age(obj, now));
                    addContainers(cells, obj.path("spec").path("template"));
                    return cells;
                });
    }

    static KindPrinter daemonSet() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.integer("Desired", "The total number of nodes that should be running the daemon pod."),
                Column.integer("Current", "The number of nodes running at least one daemon pod."),
                Column.integer("Ready", "The number of nodes with a ready daemon pod."),
                Column.integer("Up-to-date", "The number of nodes running the updated daemon pod."),
                Column.integer("Available", "The number of nodes with an available daemon pod."),
                Column.text("Node Selector", "Node selector of the pod template."),
                Column.ageColumn(), CONTAINERS, IMAGES, SELECTOR),
                (obj, now) -> {
                    JsonNode status = obj.path("status");
                    List<Object> cells = list(Fields.name(obj),
                            Fields.number(status, "desiredNumberScheduled"),
                            Fields.number(status, "currentNumberScheduled"),
                            Fields.number(status, "numberReady"),
                            Fields.number(status, "updatedNumberScheduled"),
                            Fields.number(status, "numberAvailable"),
                            Labels.format(Fields.stringMap(obj, "spec", "template", "spec", "nodeSelector")),
                            age(obj, now));
                    addContainers(cells, obj.path("spec").path("template"));
                    cells.add(Labels.formatSelector(obj.path("spec").path("selector")));
                    return cells;
                });
    }

    static KindPrinter job() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Status", "Status of the job."),
                Column.text("Completions", "The number of pods which reached phase Succeeded."),
                Column.text("Duration", "Time required to complete the job."),
                Column.ageColumn(), CONTAINERS, IMAGES, SELECTOR),
                (obj, now) -> {
                    List<Object> cells = list(Fields.name(obj), jobStatus(obj), completions(obj), jobDuration(obj, now), age(obj, now));
                    addContainers(cells, obj.path("spec").path("template"));
                    cells.add(Labels.formatSelector(obj.path("spec").path("selector")));
                    return cells;
                });
    }

    static KindPrinter cronJob() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Schedule", "The schedule in Cron format."),
                Column.text("Timezone", "The time zone name for the schedule."),
                Column.bool("Suspend", "Whether subsequent executions are suspended."),
                Column.integer("Active", "Currently running jobs."),
                Column.text("Last Schedule", "When the job was last successfully scheduled."),
                Column.ageColumn(), CONTAINERS, IMAGES, SELECTOR),
                (obj, now) -> {
                    JsonNode spec = obj.path("spec");
                    Instant last = Fields.time(obj, "status", "lastScheduleTime");
                    JsonNode suspend = spec.path("suspend");
                    String suspendText = suspend.isBoolean() ? (suspend.asBoolean() ? "True" : "False") : "<unset>";
                    List<Object> cells = list(Fields.name(obj),
                            Fields.text(spec, "schedule"),
                            Fields.textOr("<none>", spec, "timeZone"),
                            suspendText,
                            (long) Fields.size(obj, "status", "active"),
                            last == null ? "<none>" : HumanDuration.since(last, now),
                            age(obj, now));
                    JsonNode jobSpec = spec.path("jobTemplate").path("spec");
                    addContainers(cells, jobSpec.path("template"));
                    cells.add(Labels.formatSelector(jobSpec.path("selector")));
                    return cells;
                });
    }

    static KindPrinter podTemplate() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Containers", "Names of each container in the template."),
                Column.text("Images", "Images referenced by each container in the template."),
                Column.text("Pod Labels", "The labels for the pod template.")),
                (obj, now) -> {
                    List<Object> cells = list(Fields.name(obj));
                    addContainers(cells, obj.path("template"));
                    cells.add(Labels.format(Fields.stringMap(obj, "template", "metadata", "labels")));
                    return cells;
                });
    }

    static KindPrinter controllerRevision() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Controller", "Controller of the object"),
                Column.text("Revision", "Revision number of this state."),
                Column.ageColumn()),
                (obj, now) -> {
                    String controller = "<none>";
                    for (JsonNode ref : Fields.items(obj, "metadata", "ownerReferences")) {
                        if (ref.path("controller").asBoolean(false)) {
                            String apiVersion = Fields.text(ref, "apiVersion");
                            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                            String kind = Fields.text(ref, "kind");
                            String groupKind = group.isEmpty() ? kind : kind + "." + group;
                            controller = groupKind.toLowerCase() + "/" + Fields.text(ref, "name");
                            break;
                        }
                    }
                    return list(Fields.name(obj), controller, Fields.number(obj, "revision"), age(obj, now));
                });
    }

    private static String jobStatus(ObjectNode job) {
        JsonNode status = job.path("status");
        if (conditionTrue(status, "Complete")) {
            return "Complete";
        }
        if (conditionTrue(status, "Failed")) {
            return "Failed";
        }
        if (Fields.present(job, "metadata", "deletionTimestamp")) {
            return "Terminating";
        }
        if (conditionTrue(status, "Suspended")) {
            return "Suspended";
        }
        if (conditionTrue(status, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    private static String completions(ObjectNode job) {
        long succeeded = Fields.number(job, "status", "succeeded");
        JsonNode completions = job.path("spec").path("completions");
        if (completions.isNumber()) {
            return succeeded + "/" + completions.asLong();
        }
        long parallelism = Fields.number(job, "spec", "parallelism");
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String jobDuration(ObjectNode job, Instant now) {
        Instant start = Fields.time(job, "status", "startTime");
        if (start == null) {
            return "";
        }
        Instant end = Fields.time(job, "status", "completionTime");
        return HumanDuration.format(Duration.between(start, end == null ? now : end));
    }

    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode c : Fields.items(status, "conditions")) {
            if (Fields.text(c, "type").equals(type)) {
                return Fields.text(c, "status").equals("True");
            }
        }
        return false;
    }

    static String age(JsonNode obj, Instant now) {
        return HumanDuration.since(Fields.created(obj), now);
    }

    static List<Object> list(Object... cells) {
        List<Object> out = new ArrayList<>(cells.length + 3);
        for (Object c : cells) {
            out.add(c);
        }
        return out;
    }

    /** Adds the comma-joined container names and images of a pod template. */
    static void addContainers(List<Object> cells, JsonNode podTemplate) {
        List<String> names = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (JsonNode c : Fields.items(podTemplate, "spec", "containers")) {
            names.add(Fields.text(c, "name"));
            images.add(Fields.text(c, "image"));
        }
        cells.add(String.join(",", names));
        cells.add(String.join(",", images));
    }
}
