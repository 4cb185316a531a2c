package dev.drover.hub.conversation.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * What a list or a search is narrowed to; null fields do not narrow. {@code visibleTo} is the person
 * who asks when they are no admin (they see conversations of Drover sessions they may see), null for
 * an admin (everything). {@code role} and {@code tool} narrow search hits only.
 */
public record ConversationFilter(String visibleTo, UUID hostId, String project, String agent, String user, Instant from,
        Instant to, String q, String role, String tool) {
}
