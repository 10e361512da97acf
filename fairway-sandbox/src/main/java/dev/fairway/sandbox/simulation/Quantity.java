package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities ("100m", "1.5", "128Mi", "1G", "1e3") as exact numbers of base units. */
final class Quantity {

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("", BigDecimal.ONE),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")), Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    private Quantity() {}

    /** Parses a quantity; a value that is not one counts as zero (admission already rejected bad ones). */
    static BigDecimal parse(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return BigDecimal.ZERO;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        return parse(v.asText());
    }

    static BigDecimal parse(String s) {
        s = s.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        String number = s.substring(0, i);
        String suffix = s.substring(i);
        try {
            if (suffix.startsWith("e") || suffix.startsWith("E")) {
                return new BigDecimal(s);
            }
            BigDecimal mult = SUFFIXES.get(suffix);
            if (mult == null || number.isEmpty()) {
                return BigDecimal.ZERO;
            }
            return new BigDecimal(number).multiply(mult);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    /** What a pod asks for: the sum over its containers, or the largest init container if that is more. */
    record Requests(BigDecimal cpu, BigDecimal memory) {
        static final Requests NONE = new Requests(BigDecimal.ZERO, BigDecimal.ZERO);

        static Requests of(JsonNode pod) {
            JsonNode spec = pod.path("spec");
            BigDecimal cpu = BigDecimal.ZERO;
            BigDecimal mem = BigDecimal.ZERO;
            for (JsonNode c : spec.path("containers")) {
                cpu = cpu.add(request(c, "cpu"));
                mem = mem.add(request(c, "memory"));
            }
            for (JsonNode c : spec.path("initContainers")) {
                cpu = cpu.max(request(c, "cpu"));
                mem = mem.max(request(c, "memory"));
            }
            cpu = cpu.add(parse(spec.path("overhead").get("cpu")));
            mem = mem.add(parse(spec.path("overhead").get("memory")));
            return new Requests(cpu, mem);
        }

        private static BigDecimal request(JsonNode container, String resource) {
            JsonNode r = container.path("resources");
            JsonNode req = r.path("requests").get(resource);
            return parse(req != null ? req : r.path("limits").get(resource));
        }

        Requests plus(Requests o) {
            return new Requests(cpu.add(o.cpu), memory.add(o.memory));
        }
    }
}
