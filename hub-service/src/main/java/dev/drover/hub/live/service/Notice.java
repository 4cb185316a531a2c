package dev.drover.hub.live.service;

import java.util.UUID;

/**
 * A message for the people who are looking, pushed to their open pages (fire it as a CDI event;
 * nobody offline gets it): a {@code kind} the web UI knows (for example {@code budget-warning}),
 * a text, optionally the session it is about, and who may see it.
 */
public record Notice(String kind, String message, UUID sessionId, Audience audience) {

    /** Who receives a notice: one account, everyone with one of {@code roles}, or every person. */
    public record Audience(String account, String role) {

        public static final Audience EVERYONE = new Audience(null, null);

        public static Audience account(String username) {
            return new Audience(username, null);
        }

        public static Audience role(String role) {
            return new Audience(null, role);
        }
    }
}
