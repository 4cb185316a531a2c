package dev.drover.hub.budget.service;

import dev.drover.hub.validation.UsdAmount;

/**
 * A budget's limits, a cost in nano-USD and/or a token count (null for no limit of that kind), and
 * how far a spend got: the larger of the two fractions, since whichever is reached first counts.
 */
public record Limit(Long costNanoUsd, Long tokens) {

    /** The share of the budget used, at 80 %, warned. */
    public static final double WARNING = 0.8;

    public boolean none() {
        return costNanoUsd == null && tokens == null;
    }

    /** {@code spent} as a fraction of the budget: 1.0 or more once spent. */
    public double used(long spentCostNanoUsd, long spentTokens) {
        double cost = costNanoUsd == null ? 0 : (double) spentCostNanoUsd / costNanoUsd;
        double count = tokens == null ? 0 : (double) spentTokens / tokens;
        return Math.max(cost, count);
    }

    /** Whether the spend leaves room for {@code more} of either kind (a new session's own budget). */
    public boolean leavesRoomFor(long spentCostNanoUsd, long spentTokens, Long moreCost, Long moreTokens) {
        boolean costFits = costNanoUsd == null || moreCost == null || moreCost <= costNanoUsd - spentCostNanoUsd;
        boolean tokensFit = tokens == null || moreTokens == null || moreTokens <= tokens - spentTokens;
        return costFits && tokensFit;
    }

    /** "$0.05 and 1000 tokens", for messages. */
    public String describe() {
        if (costNanoUsd != null && tokens != null) {
            return "$" + UsdAmount.usd(costNanoUsd) + " and " + tokens + " tokens";
        }
        return costNanoUsd != null ? "$" + UsdAmount.usd(costNanoUsd) : tokens + " tokens";
    }
}
