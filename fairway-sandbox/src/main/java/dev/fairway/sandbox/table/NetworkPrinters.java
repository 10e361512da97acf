package dev.fairway.sandbox.table;

import static dev.fairway.sandbox.table.WorkloadPrinters.age;
import static dev.fairway.sandbox.table.WorkloadPrinters.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Printers for Services and what routes traffic to pods: Endpoints, EndpointSlices, Ingresses, NetworkPolicies. */
final class NetworkPrinters {

    private static final int MAX_LISTED = 3;

    private NetworkPrinters() {}

    static KindPrinter service() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Type", "How the service is exposed."),
                Column.text("Cluster-IP", "The IP address of the service inside the cluster."),
                Column.text("External-IP", "IP addresses the service is reachable on from outside."),
                Column.text("Port(s)", "The ports the service exposes."),
                Column.ageColumn(),
                Column.text("Selector", "Labels of the pods traffic is routed to.").wide()),
                (svc, now) -> {
                    JsonNode spec = svc.path("spec");
                    List<JsonNode> clusterIPs = Fields.items(spec, "clusterIPs");
                    String clusterIP = clusterIPs.isEmpty() ? "<none>" : clusterIPs.get(0).asText();
                    List<String> ports = new ArrayList<>();
                    for (JsonNode p : Fields.items(spec, "ports")) {
                        long nodePort = Fields.number(p, "nodePort");
                        String protocol = Fields.text(p, "protocol");
                        ports.add(nodePort > 0
                                ? Fields.number(p, "port") + ":" + nodePort + "/" + protocol
                                : Fields.number(p, "port") + "/" + protocol);
                    }
                    return list(Fields.name(svc),
                            Fields.text(spec, "type"),
                            clusterIP,
                            externalIP(svc),
                            ports.isEmpty() ? "<none>" : String.join(",", ports),
                            age(svc, now),
                            Labels.format(Fields.stringMap(spec, "selector")));
                });
    }

    private static String externalIP(JsonNode svc) {
        JsonNode spec = svc.path("spec");
        List<String> externalIPs = new ArrayList<>();
        Fields.items(spec, "externalIPs").forEach(ip -> externalIPs.add(ip.asText()));
        switch (Fields.text(spec, "type")) {
            case "ClusterIP", "NodePort":
                return externalIPs.isEmpty() ? "<none>" : String.join(",", externalIPs);
            case "LoadBalancer": {
                String lb = loadBalancerAddresses(svc.path("status").path("loadBalancer"));
                if (!externalIPs.isEmpty()) {
                    List<String> all = new ArrayList<>();
                    if (!lb.isEmpty()) {
                        all.addAll(List.of(lb.split(",")));
                    }
                    all.addAll(externalIPs);
                    return String.join(",", all);
                }
                return lb.isEmpty() ? "<pending>" : lb;
            }
            case "ExternalName":
                return Fields.text(spec, "externalName");
            default:
                return "<unknown>";
        }
    }

    /** Distinct load balancer IPs (or hostnames), sorted; the server sends them unclipped. */
    static String loadBalancerAddresses(JsonNode loadBalancer) {
        TreeSet<String> addresses = new TreeSet<>();
        for (JsonNode ingress : Fields.items(loadBalancer, "ingress")) {
            if (!Fields.text(ingress, "ip").isEmpty()) {
                addresses.add(Fields.text(ingress, "ip"));
            } else if (!Fields.text(ingress, "hostname").isEmpty()) {
                addresses.add(Fields.text(ingress, "hostname"));
            }
        }
        return String.join(",", addresses);
    }

    static KindPrinter endpoints() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Endpoints", "The addresses that implement the service."),
                Column.ageColumn()),
                (obj, now) -> list(Fields.name(obj), formatEndpoints(obj), age(obj, now)));
    }

    private static String formatEndpoints(JsonNode endpoints) {
        List<JsonNode> subsets = Fields.items(endpoints, "subsets");
        if (subsets.isEmpty()) {
            return "<none>";
        }
        List<String> listed = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode subset : subsets) {
            List<JsonNode> addresses = Fields.items(subset, "addresses");
            List<JsonNode> ports = Fields.items(subset, "ports");
            if (ports.isEmpty()) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (listed.size() == MAX_LISTED) {
                        more = true;
                        break;
                    }
                    listed.add(Fields.text(a, "ip"));
                }
                continue;
            }
            for (JsonNode port : ports) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (listed.size() == MAX_LISTED) {
                        more = true;
                        break;
                    }
                    listed.add(hostPort(Fields.text(a, "ip"), Fields.number(port, "port")));
                }
            }
        }
        String joined = String.join(",", listed);
        return more ? joined + " + " + (count - MAX_LISTED) + " more..." : joined;
    }

    private static String hostPort(String ip, long port) {
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    static KindPrinter endpointSlice() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("AddressType", "The type of address carried by this slice."),
                Column.text("Ports", "The ports exposed by the endpoints."),
                Column.text("Endpoints", "The addresses of the endpoints."),
                Column.ageColumn()),
                (obj, now) -> {
                    List<String> ports = new ArrayList<>();
                    for (JsonNode p : Fields.items(obj, "ports")) {
                        if (Fields.present(p, "port")) {
                            ports.add(Long.toString(Fields.number(p, "port")));
                        } else if (Fields.present(p, "name")) {
                            ports.add(Fields.text(p, "name"));
                        } else {
                            ports.add("*");
                        }
                    }
                    List<String> addresses = new ArrayList<>();
                    for (JsonNode e : Fields.items(obj, "endpoints")) {
                        Fields.items(e, "addresses").forEach(a -> addresses.add(a.asText()));
                    }
                    return list(Fields.name(obj), Fields.text(obj, "addressType"),
                            listWithMore(ports), listWithMore(addresses), age(obj, now));
                });
    }

    private static String listWithMore(List<String> all) {
        if (all.isEmpty()) {
            return "<unset>";
        }
        String joined = String.join(",", all.subList(0, Math.min(MAX_LISTED, all.size())));
        return all.size() > MAX_LISTED ? joined + " + " + (all.size() - MAX_LISTED) + " more..." : joined;
    }

    static KindPrinter ingress() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Class", "The name of the IngressClass that handles this ingress."),
                Column.text("Hosts", "Hosts that incoming requests are matched against."),
                Column.text("Address", "Addresses of the load balancer."),
                Column.text("Ports", "Ports the ingress listens on."),
                Column.ageColumn()),
                (obj, now) -> {
                    JsonNode spec = obj.path("spec");
                    return list(Fields.name(obj),
                            Fields.textOr("<none>", spec, "ingressClassName"),
                            hosts(Fields.items(spec, "rules")),
                            loadBalancerAddresses(obj.path("status").path("loadBalancer")),
                            Fields.size(spec, "tls") > 0 ? "80, 443" : "80",
                            age(obj, now));
                });
    }

    private static String hosts(List<JsonNode> rules) {
        List<String> hosts = new ArrayList<>();
        boolean more = false;
        for (JsonNode rule : rules) {
            if (hosts.size() == MAX_LISTED) {
                more = true;
            }
            if (!more && !Fields.text(rule, "host").isEmpty()) {
                hosts.add(Fields.text(rule, "host"));
            }
        }
        if (hosts.isEmpty()) {
            return "*";
        }
        String joined = String.join(",", hosts);
        return more ? joined + " + " + (rules.size() - MAX_LISTED) + " more..." : joined;
    }

    static KindPrinter ingressClass() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Controller", "Controller that is responsible for handling this class"),
                Column.text("Parameters", "A reference to a resource with additional parameters"),
                Column.ageColumn()),
                (obj, now) -> {
                    JsonNode params = obj.path("spec").path("parameters");
                    String parameters = "<none>";
                    if (params.isObject()) {
                        parameters = Fields.text(params, "kind");
                        if (Fields.present(params, "apiGroup")) {
                            parameters += "." + Fields.text(params, "apiGroup");
                        }
                        parameters += "/" + Fields.text(params, "name");
                    }
                    return list(Fields.name(obj), Fields.text(obj, "spec", "controller"), parameters, age(obj, now));
                });
    }

    static KindPrinter networkPolicy() {
        return KindPrinter.of(List.of(
                Column.nameColumn(),
                Column.text("Pod-Selector", "Selects the pods the policy applies to."),
                Column.ageColumn()),
                (obj, now) -> list(Fields.name(obj), Labels.formatSelector(obj.path("spec").path("podSelector")), age(obj, now)));
    }
}
