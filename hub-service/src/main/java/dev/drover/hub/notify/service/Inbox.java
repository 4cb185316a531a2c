package dev.drover.hub.notify.service;

import dev.drover.hub.account.repository.AccountRepository;
import dev.drover.hub.error.NotAuthenticatedException;
import dev.drover.hub.notify.repository.NotificationRepository;
import dev.drover.hub.session.service.SessionService;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each person's inbox of sessions that wait for someone, the sessions they muted (no notification,
 * not counted) and their webhook (ADR 0024), found by the signed-in person's name.
 */
@ApplicationScoped
public class Inbox {

    /** How many failed webhook notifications a person's settings show. */
    private static final int FAILED_SHOWN = 20;

    private final AccountRepository accounts;
    private final NotificationRepository notifications;
    private final SessionService sessions;

    public Inbox(AccountRepository accounts, NotificationRepository notifications, SessionService sessions) {
        this.accounts = accounts;
        this.notifications = notifications;
        this.sessions = sessions;
    }

    /** The sessions that wait for a person, longest waiting first, each saying whether {@code username} muted it. */
    @WithSpan
    public Uni<List<NotificationRepository.Waiting>> of(String username) {
        return accountId(username).chain(id -> notifications.waiting(id, null));
    }

    /** Mutes or unmutes the session for {@code username}; {@code NotFoundException} for a session that does not exist. */
    @WithSpan
    public Uni<Void> mute(String username, UUID sessionId, boolean muted) {
        return sessions.find(sessionId)
                .chain(() -> accountId(username))
                .chain(id -> muted ? notifications.mute(id, sessionId) : notifications.unmute(id, sessionId));
    }

    /** The sessions {@code username} muted. */
    public Uni<List<UUID>> muted(String username) {
        return accountId(username).chain(notifications::muted);
    }

    /** The person's webhook, if set. */
    public Uni<Optional<String>> webhook(String username) {
        return accountId(username).chain(notifications::webhook);
    }

    /** The person's latest webhook notifications that were given up, newest first. */
    public Uni<List<NotificationRepository.FailedDelivery>> failedWebhooks(String username) {
        return accountId(username).chain(id -> notifications.failures(id, FAILED_SHOWN));
    }

    /** Sets the person's webhook, or clears it with null. */
    public Uni<Void> setWebhook(String username, String url) {
        return accountId(username).chain(id -> notifications.saveWebhook(id, url));
    }

    private Uni<UUID> accountId(String username) {
        return accounts.findByUsername(username)
                .onItem().ifNull().failWith(() -> new NotAuthenticatedException("no account " + username))
                .map(account -> account.id);
    }
}
