package dev.fairway.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.sandbox.api.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pod spec checks: containers present, named uniquely, with images and valid ports; restart policy. */
final class PodSpecRules {

    static final List<String> ALL_RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    private PodSpecRules() {}

    /**
     * @param path    the spec's field path, e.g. {@code spec} or {@code spec.template.spec}
     * @param allowed restart policies this place accepts, in the order Kubernetes lists them
     */
    static void validate(JsonNode spec, String path, List<String> allowed, List<FieldError> errs) {
        Set<String> names = new HashSet<>();
        containers(spec.path("initContainers"), path + ".initContainers", false, names, errs);
        if (spec.path("containers").size() == 0) {
            errs.add(FieldError.required(path + ".containers", ""));
        } else {
            containers(spec.path("containers"), path + ".containers", true, names, errs);
        }
        restartPolicy(spec.path("restartPolicy").asText(""), path + ".restartPolicy", allowed, errs);
    }

    static void restartPolicy(String policy, String field, List<String> allowed, List<FieldError> errs) {
        if (policy.isEmpty()) {
            errs.add(FieldError.required(field, ""));
        } else if (!allowed.contains(policy)) {
            errs.add(notSupported(field, policy, allowed));
        }
    }

    static FieldError notSupported(String field, String value, List<String> supported) {
        List<String> quoted = new ArrayList<>();
        supported.forEach(s -> quoted.add(GoValues.quote(s)));
        return new FieldError(FieldError.NOT_SUPPORTED, field, GoValues.quote(value), "supported values: " + String.join(", ", quoted));
    }

    private static void containers(JsonNode list, String path, boolean regular, Set<String> names, List<FieldError> errs) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String at = path + "[" + i + "]";
            String name = c.path("name").asText("");
            if (name.isEmpty()) {
                errs.add(FieldError.required(at + ".name", ""));
            } else {
                NameFormats.dns1123Label(name).forEach(m -> errs.add(FieldError.invalid(at + ".name", GoValues.quote(name), m)));
                if (!names.add(name)) {
                    errs.add(new FieldError(FieldError.DUPLICATE, at + ".name", GoValues.quote(name), ""));
                }
            }
            if (c.path("image").asText("").isEmpty()) {
                errs.add(FieldError.required(at + ".image", ""));
            }
            ports(c.path("ports"), at + ".ports", errs);
        }
    }

    private static void ports(JsonNode ports, String path, List<FieldError> errs) {
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            String at = path + "[" + i + "]";
            String name = p.path("name").asText("");
            if (!name.isEmpty()) {
                NameFormats.portName(name).forEach(m -> errs.add(FieldError.invalid(at + ".name", GoValues.quote(name), m)));
                if (!portNames.add(name)) {
                    errs.add(new FieldError(FieldError.DUPLICATE, at + ".name", GoValues.quote(name), ""));
                }
            }
            long containerPort = p.path("containerPort").asLong(0);
            if (containerPort == 0) {
                errs.add(FieldError.required(at + ".containerPort", ""));
            } else {
                NameFormats.portNumber(containerPort).forEach(m -> errs.add(FieldError.invalid(at + ".containerPort", Long.toString(containerPort), m)));
            }
            long hostPort = p.path("hostPort").asLong(0);
            if (hostPort != 0) {
                NameFormats.portNumber(hostPort).forEach(m -> errs.add(FieldError.invalid(at + ".hostPort", Long.toString(hostPort), m)));
            }
            protocol(p, at + ".protocol", errs);
        }
    }

    static void protocol(JsonNode port, String field, List<FieldError> errs) {
        String protocol = port.path("protocol").asText("");
        if (protocol.isEmpty()) {
            errs.add(FieldError.required(field, ""));
        } else if (!PROTOCOLS.contains(protocol)) {
            errs.add(notSupported(field, protocol, PROTOCOLS));
        }
    }
}
