package dev.drover.hub.validation;

/** Bounds shared by every budget the API accepts. */
public final class BudgetLimits {

    /** The largest token budget: 10¹² tokens. */
    public static final long MAX_TOKENS = 1_000_000_000_000L;

    private BudgetLimits() {
    }
}
