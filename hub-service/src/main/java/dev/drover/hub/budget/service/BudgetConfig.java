package dev.drover.hub.budget.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** Budget settings, under {@code drover.hub.budget}. */
@ConfigMapping(prefix = "drover.hub.budget")
public interface BudgetConfig {

    /** The time zone whose midnight starts a new day for day budgets. */
    @WithDefault("UTC")
    ZoneId timeZone();
}
