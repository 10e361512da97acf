package dev.fairway.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.AdmissionRequest.FieldValidation;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.api.WriteOptions;

/** The objects every cluster has from the start: the system namespaces and the {@code kubernetes} Service. */
final class SystemObjects {

    private SystemObjects() {}

    static void ensure(ObjectService service) throws ApiException {
        ResourceType ns = service.registry().byResource("", "v1", "namespaces").orElseThrow();
        for (String name : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            if (service.find(ns, "", name).isEmpty()) {
                ObjectNode o = Json.object();
                o.put("apiVersion", "v1");
                o.put("kind", "Namespace");
                o.putObject("metadata").put("name", name);
                service.create(ns, "", o, new WriteOptions(false, "kube-apiserver", FieldValidation.IGNORE, false));
            }
        }
        ResourceType services = service.registry().byResource("", "v1", "services").orElseThrow();
        if (service.find(services, "default", "kubernetes").isEmpty()) {
            ObjectNode svc = Json.object();
            ObjectNode meta = svc.putObject("metadata");
            meta.put("name", "kubernetes");
            ObjectNode labels = meta.putObject("labels");
            labels.put("component", "apiserver");
            labels.put("provider", "kubernetes");
            ObjectNode spec = svc.putObject("spec");
            spec.put("clusterIP", "10.96.0.1");
            ObjectNode port = spec.putArray("ports").addObject();
            port.put("name", "https");
            port.put("port", 443);
            port.put("protocol", "TCP");
            port.put("targetPort", 6443);
            service.create(services, "default", svc, new WriteOptions(false, "kube-apiserver", FieldValidation.IGNORE, false));
        }
    }
}
