package dev.drover.hub.budget.rest;

import dev.drover.hub.budget.service.BudgetEventRecorded;
import dev.drover.hub.live.service.FeatureChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

/**
 * Pushes each new budget event to admins and the session's owner as a {@code budget-event} message of the event
 * socket, so that open pages show the toast as the hub records it instead of polling for it.
 */
@ApplicationScoped
public class BudgetEventPush {

    private final Event<FeatureChange> pushes;

    public BudgetEventPush(Event<FeatureChange> pushes) {
        this.pushes = pushes;
    }

    void recorded(@Observes BudgetEventRecorded recorded) {
        pushes.fire(new FeatureChange("budget-event", "event", BudgetEventView.of(recorded.event()), recorded.owner()));
    }
}
