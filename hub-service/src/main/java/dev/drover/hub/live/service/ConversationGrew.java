package dev.drover.hub.live.service;

import java.util.Set;
import java.util.UUID;

/**
 * A conversation of the archive got messages, up to {@code lastSeq} (fire it as a CDI event once they
 * are committed): sent on the event socket as {@code conversation-messages} to admins and, when it is a
 * Drover session's ({@code createdBy} not null), to its owner and those it is shared with.
 */
public record ConversationGrew(UUID conversationId, long lastSeq, String createdBy, Set<String> sharedWith) {

    public ConversationGrew {
        sharedWith = Set.copyOf(sharedWith);
    }
}
