package dev.drover.hub.prompt.service;

import dev.drover.hub.prompt.repository.PromptDelivery;

/** A delivery moved on, as committed (a CDI event; the event socket pushes it to admins and {@code sentBy}). */
public record DeliveryChanged(PromptDelivery delivery, String sentBy) {
}
