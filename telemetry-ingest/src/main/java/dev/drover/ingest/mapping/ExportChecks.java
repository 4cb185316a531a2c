package dev.drover.ingest.mapping;

import dev.drover.profiles.AgentProfile.Usage;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What the ingest accepts in the parts of an export that become event fields. Identifiers (a model, an activity
 * name, an attribute key) hold no control character; free text (an attribute value) holds none but tab, line feed
 * and carriage return. An amount is finite, not negative and at most {@link #MAX_TOKENS_PER_DATA_POINT} tokens or
 * {@link #MAX_USD_PER_DATA_POINT} USD per data point: a single model call never comes near, and the hub's 64-bit
 * totals stay far from overflowing.
 */
final class ExportChecks {

    /** Most tokens one data point may report (10^12). */
    static final BigDecimal MAX_TOKENS_PER_DATA_POINT = BigDecimal.valueOf(1_000_000_000_000L);
    /** Most USD one data point may report (10^6). */
    static final BigDecimal MAX_USD_PER_DATA_POINT = BigDecimal.valueOf(1_000_000L);

    private ExportChecks() {
    }

    /** An identifier without control characters. */
    static String identifier(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw controlCharacter(field, value.charAt(i));
            }
        }
        return value;
    }

    /** The model named by the first of the usage's model attributes that {@code attributes} has ("" when none). */
    static String model(String where, Usage usage, Map<String, String> attributes) {
        return usage.model(attributes)
                .map(named -> identifier(where + " attribute " + named.getKey(), named.getValue()))
                .orElse("");
    }

    /** Free text without control characters other than tab, line feed and carriage return. */
    static String text(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw controlCharacter(field, c);
            }
        }
        return value;
    }

    /** A reported floating-point amount as an exact decimal; NaN and infinities are refused. */
    static BigDecimal finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidExportException(field + " is " + value + "; amounts must be finite");
        }
        return new BigDecimal(Double.toString(value));
    }

    /** A reported amount: not negative, at most {@code max}. */
    static BigDecimal amount(String field, BigDecimal value, BigDecimal max) {
        if (value.signum() < 0) {
            throw new InvalidExportException(field + " is negative (" + value.toPlainString() + "); usage only grows");
        }
        if (value.compareTo(max) > 0) {
            throw new InvalidExportException(field + " is " + value.toEngineeringString() + ", more than the "
                    + max.toPlainString() + " one data point may report");
        }
        return value;
    }

    private static InvalidExportException controlCharacter(String field, char c) {
        return new InvalidExportException(field + " contains the control character U+%04X".formatted((int) c));
    }
}
