package dev.fairway.sandbox.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import java.util.Objects;

/**
 * The defaulting a Kubernetes 1.31 API server applies to built-in kinds on create and update,
 * so that what kubectl reads back matches a real cluster. Works in place on the object tree and
 * is idempotent; kinds it does not know are left alone.
 *
 * <p>A Job's generated selector and labels need {@code metadata.uid}: set it before defaulting
 * (without a uid the selector is not generated). Allocating Service cluster IPs and node ports,
 * and admission plugins (service account token volume, default tolerations, priority), are not
 * defaulting and are left to the caller.
 */
public final class Defaulter {

    public void apply(GroupVersionKind gvk, ObjectNode obj) {
        Objects.requireNonNull(gvk, "gvk");
        Objects.requireNonNull(obj, "obj");
        switch (gvk.group()) {
            case "" -> core(gvk.kind(), obj);
            case "apps" -> apps(gvk.kind(), obj);
            case "batch" -> {
                if (gvk.kind().equals("Job")) {
                    JobDefaults.job(obj);
                } else if (gvk.kind().equals("CronJob")) {
                    JobDefaults.cronJob(obj);
                }
            }
            case "autoscaling" -> {
                if (gvk.kind().equals("HorizontalPodAutoscaler")) {
                    if (gvk.version().equals("v1")) {
                        HpaDefaults.autoscalingV1(obj);
                    } else {
                        HpaDefaults.autoscalingV2(obj);
                    }
                }
            }
            case "rbac.authorization.k8s.io" -> {
                if (gvk.kind().equals("RoleBinding") || gvk.kind().equals("ClusterRoleBinding")) {
                    CoreDefaults.roleBinding(obj);
                }
            }
            case "networking.k8s.io" -> {
                if (gvk.kind().equals("NetworkPolicy")) {
                    CoreDefaults.networkPolicy(obj);
                }
            }
            case "storage.k8s.io" -> {
                if (gvk.kind().equals("StorageClass")) {
                    CoreDefaults.storageClass(obj);
                }
            }
            default -> { }
        }
    }

    private static void core(String kind, ObjectNode obj) {
        switch (kind) {
            case "Pod" -> PodSpecDefaults.pod(obj);
            case "PodTemplate" -> PodSpecDefaults.template(Tree.child(obj, "template"));
            case "ReplicationController" -> WorkloadDefaults.replicationController(obj);
            case "Service" -> ServiceDefaults.service(obj);
            case "Namespace" -> CoreDefaults.namespace(obj);
            case "Secret" -> CoreDefaults.secret(obj);
            case "PersistentVolumeClaim" -> CoreDefaults.persistentVolumeClaim(obj);
            case "PersistentVolume" -> CoreDefaults.persistentVolume(obj);
            case "Endpoints" -> CoreDefaults.endpoints(obj);
            case "LimitRange" -> CoreDefaults.limitRange(obj);
            default -> { }
        }
    }

    private static void apps(String kind, ObjectNode obj) {
        switch (kind) {
            case "Deployment" -> WorkloadDefaults.deployment(obj);
            case "ReplicaSet" -> WorkloadDefaults.replicaSet(obj);
            case "StatefulSet" -> WorkloadDefaults.statefulSet(obj);
            case "DaemonSet" -> WorkloadDefaults.daemonSet(obj);
            default -> { }
        }
    }
}
