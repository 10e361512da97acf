package dev.fairway.sandbox.table;

import static dev.fairway.sandbox.table.WorkloadPrinters.age;
import static dev.fairway.sandbox.table.WorkloadPrinters.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Printers for RBAC, disruption budgets, autoscalers, leases, admission and API registration. */
final class PolicyPrinters {

    private PolicyPrinters() {}

    static KindPrinter roleBinding(String what) {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Role", "The role the subjects are bound to."),
                Column.ageColumn(),
                Column.text("Users", "Users in the " + what).wide(),
                Column.text("Groups", "Groups in the " + what).wide(),
                Column.text("ServiceAccounts", "ServiceAccounts in the " + what).wide()),
                (obj, now) -> {
                    List<String> users = new ArrayList<>();
                    List<String> groups = new ArrayList<>();
                    List<String> serviceAccounts = new ArrayList<>();
                    for (JsonNode s : Fields.items(obj, "subjects")) {
                        switch (Fields.text(s, "kind")) {
                            case "User" -> users.add(Fields.text(s, "name"));
                            case "Group" -> groups.add(Fields.text(s, "name"));
                            case "ServiceAccount" -> serviceAccounts.add(Fields.text(s, "namespace") + "/" + Fields.text(s, "name"));
                            default -> { }
                        }
                    }
                    return list(Fields.name(obj),
                            Fields.text(obj, "roleRef", "kind") + "/" + Fields.text(obj, "roleRef", "name"),
                            age(obj, now),
                            String.join(", ", users), String.join(", ", groups), String.join(", ", serviceAccounts));
                });
    }

    static KindPrinter podDisruptionBudget() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Min Available", "The minimum number of pods that must be available."),
                Column.text("Max Unavailable", "The maximum number of pods that may be unavailable."),
                Column.integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
                Column.ageColumn()),
                (obj, now) -> {
                    JsonNode spec = obj.path("spec");
                    return list(Fields.name(obj),
                            Fields.present(spec, "minAvailable") ? Fields.intOrString(spec.path("minAvailable")) : "N/A",
                            Fields.present(spec, "maxUnavailable") ? Fields.intOrString(spec.path("maxUnavailable")) : "N/A",
                            Fields.number(obj, "status", "disruptionsAllowed"),
                            age(obj, now));
                });
    }

    static KindPrinter horizontalPodAutoscaler() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Reference", "The scaled resource."),
                Column.text("Targets", "Current and target metric values."),
                Column.text("MinPods", "Lower limit for the number of pods."),
                Column.text("MaxPods", "Upper limit for the number of pods."),
                Column.text("Replicas", "Current number of pods."),
                Column.ageColumn()),
                (obj, now) -> {
                    JsonNode spec = obj.path("spec");
                    return list(Fields.name(obj),
                            Fields.text(spec, "scaleTargetRef", "kind") + "/" + Fields.text(spec, "scaleTargetRef", "name"),
                            HpaTargets.format(obj),
                            Fields.present(spec, "minReplicas") ? Long.toString(Fields.number(spec, "minReplicas")) : "<unset>",
                            Fields.number(spec, "maxReplicas"),
                            Fields.number(obj, "status", "currentReplicas"),
                            age(obj, now));
                });
    }

    static KindPrinter lease() {
        return KindPrinter.of(List.of(Column.nameColumn(), Column.text("Holder", "The holder of the lease."), Column.ageColumn()),
                (obj, now) -> list(Fields.name(obj), Fields.text(obj, "spec", "holderIdentity"), age(obj, now)));
    }

    static KindPrinter apiService() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Service", "The reference to the service that hosts this API endpoint."),
                Column.text("Available", "Whether this service is available."),
                Column.ageColumn()),
                (obj, now) -> {
                    JsonNode svc = obj.path("spec").path("service");
                    String service = svc.isObject() ? Fields.text(svc, "namespace") + "/" + Fields.text(svc, "name") : "Local";
                    String available = "Unknown";
                    for (JsonNode c : Fields.items(obj, "status", "conditions")) {
                        if (Fields.text(c, "type").equals("Available")) {
                            String status = Fields.text(c, "status");
                            String reason = Fields.text(c, "reason");
                            available = status.equals("True") || reason.isEmpty() ? status : status + " (" + reason + ")";
                        }
                    }
                    return list(Fields.name(obj), service, available, age(obj, now));
                });
    }

    static KindPrinter validatingAdmissionPolicy() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.integer("Validations", "Validations indicates the number of validation rules defined in this configuration"),
                Column.text("ParamKind", "ParamKind specifies the kind of resources used to parameterize this policy"),
                Column.ageColumn()),
                (obj, now) -> {
                    JsonNode paramKind = obj.path("spec").path("paramKind");
                    String param = paramKind.isObject()
                            ? Fields.text(paramKind, "apiVersion") + "/" + Fields.text(paramKind, "kind") : "<unset>";
                    return list(Fields.name(obj), (long) Fields.size(obj, "spec", "validations"), param, age(obj, now));
                });
    }

    static KindPrinter validatingAdmissionPolicyBinding() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("PolicyName", "PolicyName indicates the policy definition which the policy binding binded to"),
                Column.text("ParamRef", "ParamRef indicates the param resource which sets the configration param"),
                Column.ageColumn()),
                (obj, now) -> {
                    JsonNode ref = obj.path("spec").path("paramRef");
                    String param = "<unset>";
                    if (ref.isObject()) {
                        if (!Fields.text(ref, "name").isEmpty()) {
                            // Without a namespace the param may be cluster-scoped or in every namespace.
                            param = (Fields.text(ref, "namespace").isEmpty() ? "*" : Fields.text(ref, "namespace"))
                                    + "/" + Fields.text(ref, "name");
                        } else if (ref.path("selector").isObject()) {
                            param = Labels.selectorString(ref.path("selector"));
                        }
                    }
                    return list(Fields.name(obj), Fields.text(obj, "spec", "policyName"), param, age(obj, now));
                });
    }

    static KindPrinter webhookConfiguration() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.integer("Webhooks", "Webhooks indicates the number of webhooks registered in this configuration"),
                Column.ageColumn()),
                (obj, now) -> list(Fields.name(obj), (long) Fields.size(obj, "webhooks"), age(obj, now)));
    }

    static KindPrinter priorityClass() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.integer("Value", "The priority of pods of this class."),
                Column.bool("Global-Default", "Whether pods without a class get this one."),
                Column.ageColumn(),
                Column.text("PreemptionPolicy", "Whether pods of this class preempt lower priority pods.")),
                (obj, now) -> list(Fields.name(obj), Fields.number(obj, "value"),
                        obj.path("globalDefault").asBoolean(false), age(obj, now), Fields.text(obj, "preemptionPolicy")));
    }

    static KindPrinter runtimeClass() {
        return KindPrinter.of(List.of(Column.nameColumn(), Column.text("Handler", "The CRI handler of the class."), Column.ageColumn()),
                (obj, now) -> list(Fields.name(obj), Fields.text(obj, "handler"), age(obj, now)));
    }
}
