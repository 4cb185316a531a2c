package dev.drover.hub.budget.service;

import dev.drover.hub.budget.repository.BudgetEventRepository.BudgetEvent;

/**
 * A budget event (80 % warning or 100 % spent) was stored for the first time, fired for the pages of admins and of
 * {@code owner}, who started the session it is about.
 */
public record BudgetEventRecorded(BudgetEvent event, String owner) {
}
