package dev.drover.hub.spend.repository;

import java.util.Locale;

/** What spend is grouped by: the day (in the budget time zone) the usage was observed, or who and where spent it. */
public enum SpendDimension {
    DAY,
    HOST,
    PROJECT,
    MODEL,
    PROFILE,
    USER,
    SESSION;

    /** As the API writes it: {@code day}, {@code host}, … */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dimension {@code wire} names, or null for none. */
    public static SpendDimension fromWire(String wire) {
        for (SpendDimension dimension : values()) {
            if (dimension.wire().equals(wire)) {
                return dimension;
            }
        }
        return null;
    }
}
