package dev.fairway.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.sandbox.api.FieldError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Service checks: type, ports, ExternalName, and cluster IPs that may not change once set. */
final class ServiceRules {

    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");

    private ServiceRules() {}

    static void validate(JsonNode svc, JsonNode old, List<FieldError> errs) {
        JsonNode spec = svc.path("spec");
        String type = spec.path("type").asText("");
        if (type.isEmpty()) {
            errs.add(FieldError.required("spec.type", ""));
        } else if (!TYPES.contains(type)) {
            errs.add(PodSpecRules.notSupported("spec.type", type, TYPES));
        }
        boolean headless = spec.path("clusterIP").asText("").equals("None");
        JsonNode ports = spec.path("ports");
        if (ports.size() == 0 && !headless && !type.equals("ExternalName")) {
            errs.add(FieldError.required("spec.ports", ""));
        }
        if (type.equals("ExternalName") && spec.path("externalName").asText("").isEmpty()) {
            errs.add(FieldError.required("spec.externalName", ""));
        }
        Set<String> names = new HashSet<>();
        boolean nameRequired = ports.size() > 1;
        for (int i = 0; i < ports.size(); i++) {
            port(ports.get(i), "spec.ports[" + i + "]", nameRequired, names, type, errs);
        }
        if (old != null) {
            clusterIPsUnchanged(spec, old.path("spec"), errs);
        }
    }

    private static void port(JsonNode p, String at, boolean nameRequired, Set<String> names, String type, List<FieldError> errs) {
        String name = p.path("name").asText("");
        if (name.isEmpty()) {
            if (nameRequired) {
                errs.add(FieldError.required(at + ".name", ""));
            }
        } else {
            NameFormats.dns1123Label(name).forEach(m -> errs.add(FieldError.invalid(at + ".name", GoValues.quote(name), m)));
            if (!names.add(name)) {
                errs.add(new FieldError(FieldError.DUPLICATE, at + ".name", GoValues.quote(name), ""));
            }
        }
        long port = p.path("port").asLong(0);
        NameFormats.portNumber(port).forEach(m -> errs.add(FieldError.invalid(at + ".port", Long.toString(port), m)));
        PodSpecRules.protocol(p, at + ".protocol", errs);
        JsonNode target = p.get("targetPort");
        if (target != null && target.isNumber()) {
            NameFormats.portNumber(target.asLong()).forEach(m -> errs.add(FieldError.invalid(at + ".targetPort", target.asText(), m)));
        } else if (target != null && target.isTextual()) {
            NameFormats.portName(target.asText()).forEach(m -> errs.add(FieldError.invalid(at + ".targetPort", GoValues.quote(target.asText()), m)));
        }
        long nodePort = p.path("nodePort").asLong(0);
        if (nodePort != 0 && (type.equals("ClusterIP") || type.equals("ExternalName"))) {
            errs.add(new FieldError(FieldError.FORBIDDEN, at + ".nodePort", null, "may not be used when `type` is '" + type + "'"));
        } else if (nodePort != 0) {
            NameFormats.portNumber(nodePort).forEach(m -> errs.add(FieldError.invalid(at + ".nodePort", Long.toString(nodePort), m)));
        }
    }

    /** Cluster IPs can be added or dropped from the end, never changed (ExternalName and headless aside). */
    private static void clusterIPsUnchanged(JsonNode spec, JsonNode oldSpec, List<FieldError> errs) {
        if (spec.path("type").asText().equals("ExternalName") || oldSpec.path("type").asText().equals("ExternalName")) {
            return;
        }
        boolean headless = spec.path("clusterIP").asText("").equals("None");
        boolean oldHeadless = oldSpec.path("clusterIP").asText("").equals("None");
        if (headless && oldHeadless) {
            return;
        }
        JsonNode ips = spec.path("clusterIPs");
        JsonNode oldIps = oldSpec.path("clusterIPs");
        String shown = GoValues.stringSlice(spec.get("clusterIPs"));
        if (ips.size() == oldIps.size()) {
            for (int i = 0; i < oldIps.size(); i++) {
                if (!oldIps.get(i).asText().equals(ips.get(i).asText())) {
                    errs.add(FieldError.invalid("spec.clusterIPs[" + i + "]", shown, "may not change once set"));
                }
            }
        } else if (oldIps.size() > ips.size()) {
            if (ips.size() == 0) {
                errs.add(FieldError.invalid("spec.clusterIPs[0]", shown, "primary clusterIP can not be unset"));
            } else if (!ips.get(0).asText().equals(oldIps.get(0).asText())) {
                errs.add(FieldError.invalid("spec.clusterIPs[0]", shown, "may not change once set"));
            }
        } else if (oldIps.size() > 0 && !ips.get(0).asText().equals(oldIps.get(0).asText())) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", shown, "may not change once set"));
        }
    }
}
