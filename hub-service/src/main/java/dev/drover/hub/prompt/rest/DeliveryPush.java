package dev.drover.hub.prompt.rest;

import dev.drover.hub.live.service.FeatureChange;
import dev.drover.hub.prompt.service.DeliveryChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

/** Pushes each committed delivery change to admins and the prompt's sender as a {@code prompt-delivery} event. */
@ApplicationScoped
public class DeliveryPush {

    private final Event<FeatureChange> pushes;

    public DeliveryPush(Event<FeatureChange> pushes) {
        this.pushes = pushes;
    }

    void changed(@Observes DeliveryChanged changed) {
        pushes.fire(new FeatureChange("prompt-delivery", "delivery", DeliveryView.of(changed.delivery()), changed.sentBy()));
    }
}
