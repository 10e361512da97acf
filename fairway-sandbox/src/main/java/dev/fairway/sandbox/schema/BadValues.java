package dev.fairway.sandbox.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prints values the way the API server's (Go) error messages do. */
final class BadValues {

    private BadValues() {}

    /** A bad value in a field error: strings quoted, numbers and booleans bare, null as "null". */
    static String of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "\"null\"";
        }
        if (value.isTextual()) {
            return quote(value.asText());
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString() : goFloat(value.decimalValue());
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        return Json.write(value);
    }

    static String quote(String s) {
        return Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
    }

    /**
     * A schema limit in a message. The API server prints it as an integer when the data was an
     * integer and the limit is whole, and otherwise as Go's {@code %v} of a float64 ({@code 1e+06}).
     */
    static String limit(BigDecimal limit, boolean integralData) {
        if (integralData && limit.stripTrailingZeros().scale() <= 0) {
            return limit.toBigInteger().toString();
        }
        return goFloat(limit);
    }

    /** Go's shortest {@code %v} formatting of a float64: exponent form from 1e+06 up and below 1e-04 ({@code strconv.FormatFloat(f, 'g', -1, 64)}). */
    static String goFloat(BigDecimal value) {
        double d = value.doubleValue();
        if (d == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = exact.movePointLeft(exponent).stripTrailingZeros();
            String digits = mantissa.scale() <= 0 ? mantissa.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                    : mantissa.toPlainString();
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return digits + "e" + sign + (abs < 10 ? "0" + abs : String.valueOf(abs));
        }
        return exact.toPlainString();
    }
}
