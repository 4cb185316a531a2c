package dev.drover.hub.notify.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.hub.live.service.SessionViewers;
import dev.drover.hub.notify.repository.NotificationRepository;
import dev.drover.hub.notify.repository.NotificationRepository.Recipient;
import dev.drover.hub.notify.repository.NotificationRepository.Waiting;
import dev.drover.protocol.daemon.DaemonMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells people by webhook that a session's agent needs someone (ADR 0024): one JSON POST per person
 * and transition into needs-approval or needs-answer (claimed in the database first, so a transition
 * a daemon repeats after a reconnect, or that two reports race for, is sent once), to every enabled
 * person with a webhook who did not mute the session and does not have it in view in a visible tab
 * ({@link SessionViewers}, ADR 0034). The body carries Slack's {@code text} and ntfy's {@code title},
 * {@code message} and {@code click}, plus the session's fields. A failed POST (no answer, or a status
 * other than 2xx) is retried {@code webhook-attempts - 1} times with a doubling back-off, then kept as
 * failed with its last error, which the person's notification settings show. Nothing here blocks: the
 * JDK client sends asynchronously.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);
    private static final int MAX_ERROR = 500;

    private final NotificationRepository notifications;
    private final NotifyConfig config;
    private final ObjectMapper json;
    private final SessionViewers viewers;
    private final HttpClient http;

    public Webhooks(NotificationRepository notifications, NotifyConfig config, ObjectMapper json, SessionViewers viewers) {
        this.viewers = viewers;
        this.notifications = notifications;
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.webhookTimeout()).build();
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /**
     * The daemon reported {@code reported}: when it is the session's current state and needs someone,
     * notifies each person once; answers when every first attempt is claimed (sending goes on alone).
     */
    public Uni<Void> transition(DaemonMessage.Activity reported) {
        if (!reported.state().needsYou()) {
            return Uni.createFrom().voidItem();
        }
        return notifications.waiting(null, reported.sessionId())
                .onItem().transformToMulti(found -> Multi.createFrom().iterable(found))
                .filter(waiting -> sameMicrosecond(waiting.since(), reported.since()) && waiting.state().equals(reported.state().wire()))
                .onItem().transformToUniAndMerge(waiting -> notifications.recipients(waiting.sessionId())
                        .onItem().transformToMulti(recipients -> Multi.createFrom().iterable(recipients))
                        .filter(recipient -> !viewers.watching(recipient.username(), waiting.sessionId()))
                        .onItem().transformToUniAndMerge(recipient -> notifications
                                .claim(recipient.accountId(), waiting.sessionId(), waiting.since(), waiting.state())
                                .invoke(claimed -> {
                                    if (claimed) {
                                        send(recipient, waiting);
                                    }
                                }))
                        .collect().last())
                .collect().last()
                .replaceWithVoid();
    }

    /**
     * Whether the stored time (PostgreSQL keeps microseconds) is the reported one (a daemon's clock gives nanoseconds):
     * comparing them exactly never matched a real daemon's report, so no webhook was ever sent for one.
     */
    static boolean sameMicrosecond(Instant stored, Instant reported) {
        return Math.abs(Duration.between(stored, reported).toNanos()) < 1000;
    }

    private void send(Recipient recipient, Waiting waiting) {
        String body = body(waiting);
        Uni.createFrom().completionStage(() -> http.sendAsync(HttpRequest.newBuilder(URI.create(recipient.webhookUrl()))
                                .timeout(config.webhookTimeout())
                                .header("Content-Type", "application/json")
                                .header("User-Agent", "Drover")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(), HttpResponse.BodyHandlers.discarding()))
                .invoke(answer -> {
                    if (answer.statusCode() / 100 != 2) {
                        throw new IllegalStateException(new IOException("answered " + answer.statusCode()));
                    }
                })
                .onFailure().retry().withBackOff(config.webhookBackoff(), config.webhookBackoff().multipliedBy(64))
                .withJitter(0).atMost(Math.max(0, config.webhookAttempts() - 1))
                .subscribe().with(
                        sent -> LOG.debugf("webhook of %s told about session %s", recipient.username(), waiting.sessionId()),
                        failure -> givenUp(recipient, waiting, failure));
    }

    private void givenUp(Recipient recipient, Waiting waiting, Throwable failure) {
        String error = error(failure);
        LOG.warnf("webhook of %s about session %s given up after %d attempts: %s", recipient.username(),
                waiting.sessionId(), config.webhookAttempts(), error);
        notifications.failed(recipient.accountId(), waiting.sessionId(), waiting.since(), waiting.state(),
                        config.webhookAttempts(), error)
                .subscribe().with(kept -> { }, notKept -> LOG.warnf("could not keep the failed webhook of %s: %s",
                        recipient.username(), notKept.getMessage()));
    }

    /** What went wrong, for the person: the innermost cause's message (or its kind when it has none), at most 500 characters. */
    static String error(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName() : cause.getMessage().strip();
        return message.length() <= MAX_ERROR ? message : message.substring(0, MAX_ERROR - 1) + "…";
    }

    /** The notification's JSON: Slack's {@code text}, ntfy's {@code title}/{@code message}/{@code click}, and the session. */
    String body(Waiting waiting) {
        String what = "needs-approval".equals(waiting.state()) ? "needs approval" : "needs an answer";
        String project = waiting.projectName() != null ? waiting.projectName()
                : waiting.cwd() == null ? null : String.valueOf(Path.of(waiting.cwd()).getFileName());
        String where = waiting.hostName() + (project == null ? "" : " · " + project)
                + (waiting.branch() == null ? "" : " (" + waiting.branch() + ")");
        String title = (waiting.profile() == null ? "A session" : waiting.profile()) + " " + what;
        String message = where + (waiting.detail() == null ? "" : ": " + waiting.detail());
        String link = config.linkBase().map(base -> base.resolve("/sessions/" + waiting.sessionId()).toString()).orElse(null);
        ObjectNode body = json.createObjectNode()
                .put("text", title + " on " + message + (link == null ? "" : " " + link))
                .put("title", title)
                .put("message", message)
                .put("click", link);
        body.put("sessionId", waiting.sessionId().toString())
                .put("state", waiting.state())
                .put("since", waiting.since().toString())
                .put("host", waiting.hostName())
                .put("project", project)
                .put("cwd", waiting.cwd())
                .put("branch", waiting.branch())
                .put("profile", waiting.profile())
                .put("task", waiting.task())
                .put("detail", waiting.detail())
                .put("url", link);
        return body.toString();
    }
}
