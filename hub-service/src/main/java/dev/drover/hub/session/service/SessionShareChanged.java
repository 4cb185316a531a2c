package dev.drover.hub.session.service;

import java.util.UUID;

/**
 * A session's share with {@code username} changed (a CDI event fired after the change committed):
 * {@code access} is what they have now, {@code view}, {@code type}, or null when it is no longer
 * shared with them. Their open terminals of the session close (they reopen with the new rights) and,
 * when unshared, their pages are told the session is gone.
 */
public record SessionShareChanged(UUID sessionId, String username, String access) {
}
