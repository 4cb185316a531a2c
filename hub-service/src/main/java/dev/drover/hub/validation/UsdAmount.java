package dev.drover.hub.validation;

import dev.drover.hub.error.InvalidException;

import java.math.BigDecimal;

/**
 * An amount of US dollars as the API writes it, an exact decimal string such as {@code "0.05"}, and as
 * the hub counts it, in nano-USD (10⁻⁹ USD, a {@code long}).
 */
public final class UsdAmount {

    /** A positive amount below one million USD with at most nine decimals: what a budget may be. */
    public static final String PATTERN = "(0|[1-9][0-9]{0,5})(\\.[0-9]{1,9})?";
    public static final String MESSAGE = "must be an amount of USD such as 0.05: at most 999999.999999999, at most 9 decimals";

    private UsdAmount() {
    }

    /**
     * {@code "0.05"} → 50000000, null for null; the text must match {@link #PATTERN}, and zero is an
     * {@link InvalidException} naming {@code field}.
     */
    public static Long positiveNanoUsd(String field, String usd) {
        if (usd == null) {
            return null;
        }
        long nano = new BigDecimal(usd).movePointRight(9).longValueExact();
        if (nano <= 0) {
            throw new InvalidException(field + " must be more than 0");
        }
        return nano;
    }

    /** 11437800 → {@code "0.0114378"}. */
    public static String usd(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros().toPlainString();
    }
}
