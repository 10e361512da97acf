package dev.fairway.gitops.diff;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 0.5}, {@code 1Gi}, {@code 1e3}) read as
 * its value, so that {@code 1024Mi} and {@code 1Gi} compare equal as the API server sees them.
 */
record Quantity(BigDecimal value) {

    private static final Pattern FORM = Pattern.compile("([+-]?[0-9]*\\.?[0-9]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?");
    private static final BigDecimal KI = BigDecimal.valueOf(1024);
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", KI), Map.entry("Mi", KI.pow(2)), Map.entry("Gi", KI.pow(3)), Map.entry("Ti", KI.pow(4)),
            Map.entry("Pi", KI.pow(5)), Map.entry("Ei", KI.pow(6)),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")), Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")));

    /** The quantity, or empty when the text is not one (left as written then). */
    static Optional<Quantity> parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            number = number.scaleByPowerOfTen(Integer.parseInt(m.group(2).substring(1)));
        } else if (m.group(3) != null) {
            number = number.multiply(SUFFIXES.get(m.group(3)));
        }
        return Optional.of(new Quantity(number));
    }

    /** The value in plain decimal without trailing zeros: {@code 0.5}, {@code 1073741824}. */
    String canonical() {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}
