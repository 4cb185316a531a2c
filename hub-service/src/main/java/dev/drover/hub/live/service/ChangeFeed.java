package dev.drover.hub.live.service;

import dev.drover.hub.host.repository.Host;
import dev.drover.hub.host.repository.HostRepository;
import dev.drover.hub.host.service.HostService;
import dev.drover.hub.link.LinkChanged;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.hub.session.repository.SessionShareRepository;
import dev.drover.hub.session.service.HostedSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns every committed change of a session or host row into a {@link LiveChange}
 * (docs/adr/0020-live-dashboard-events.md). Triggers on both tables NOTIFY {@value #CHANNEL} with
 * {@code <table>:<operation>:<id>} (migration V16); one database connection LISTENs. Ids that change while a
 * reload runs wait for the next one, so a burst of changes to one row costs one reload, and reloads
 * run one at a time, so a row's changes are fired in the order they were committed. A daemon link
 * that comes or goes ({@link LinkChanged}) reloads its host too, since online is not a column.
 */
@ApplicationScoped
public class ChangeFeed {

    static final String CHANNEL = "drover_changes";
    private static final long RELISTEN_DELAY_MS = 1000;
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

    private final Pool pool;
    private final Vertx vertx;
    private final SessionRepository sessions;
    private final SessionShareRepository shares;
    private final HostRepository hosts;
    private final HostService hostService;
    private final Event<LiveChange> changes;
    /** Changed session ids, with whether one of the changes created the row. */
    private final Map<UUID, Boolean> pendingSessions = new HashMap<>();
    private final Set<UUID> pendingHosts = new HashSet<>();
    private boolean reloading;
    private volatile boolean stopped;
    private volatile SqlConnection listening;

    public ChangeFeed(Pool pool, Vertx vertx, SessionRepository sessions, SessionShareRepository shares, HostRepository hosts,
            HostService hostService, Event<LiveChange> changes) {
        this.pool = pool;
        this.shares = shares;
        this.vertx = vertx;
        this.sessions = sessions;
        this.hosts = hosts;
        this.hostService = hostService;
        this.changes = changes;
    }

    void start(@Observes StartupEvent event) {
        listen(false);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        SqlConnection connection = listening;
        if (connection != null) {
            connection.closeAndForget();
        }
    }

    void linkChanged(@Observes LinkChanged changed) {
        changed("host:UPDATE:" + changed.hostId());
    }

    /** Whether the feed is listening now. */
    public boolean isListening() {
        return listening != null;
    }

    private void listen(boolean resync) {
        pool.getConnection()
                .call(connection -> connection.query("LISTEN " + CHANNEL).execute())
                .subscribe().with(connection -> {
                    PgConnection pg = (PgConnection) connection.getDelegate();
                    pg.notificationHandler(notification -> changed(notification.getPayload()));
                    pg.closeHandler(closed -> lost());
                    listening = connection;
                    LOG.debugf("listening for changes on %s", CHANNEL);
                    if (resync) {
                        changes.fire(new LiveChange.Resync());
                    }
                }, failure -> {
                    LOG.warnf("cannot listen for session and host changes (%s); trying again", failure.getMessage());
                    relistenLater();
                });
    }

    private void lost() {
        listening = null;
        if (!stopped) {
            LOG.warn("the connection that listens for session and host changes closed; listening again");
            relistenLater();
        }
    }

    private void relistenLater() {
        if (!stopped) {
            vertx.setTimer(RELISTEN_DELAY_MS, id -> listen(true));
        }
    }

    private void changed(String payload) {
        String[] parts = payload.split(":", 3);
        UUID id;
        try {
            id = UUID.fromString(parts[parts.length - 1]);
        } catch (IllegalArgumentException e) {
            LOG.debugf("ignoring change notification %s", payload);
            return;
        }
        String table = parts[0];
        boolean created = parts.length == 3 && parts[1].equals("INSERT");
        synchronized (this) {
            if (table.equals("session")) {
                pendingSessions.merge(id, created, Boolean::logicalOr);
            } else if (table.equals("host")) {
                pendingHosts.add(id);
            } else {
                return;
            }
            if (reloading) {
                return;
            }
            reloading = true;
        }
        reload();
    }

    /** Loads what changed in a new safe duplicated Vert.x context (Hibernate Reactive needs one) and fires it. */
    private void reload() {
        Map<UUID, Boolean> sessionIds;
        Set<UUID> hostIds;
        synchronized (this) {
            sessionIds = Map.copyOf(pendingSessions);
            hostIds = Set.copyOf(pendingHosts);
            pendingSessions.clear();
            pendingHosts.clear();
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Panache.withSession(() -> load(sessionIds, hostIds))
                .subscribe().with(found -> {
                    try {
                        found.forEach(changes::fire);
                    } finally {
                        reloaded();
                    }
                }, failure -> {
                    LOG.warnf(failure, "cannot load %d changed sessions and %d hosts", sessionIds.size(), hostIds.size());
                    reloaded();
                }));
    }

    private void reloaded() {
        synchronized (this) {
            if (pendingSessions.isEmpty() && pendingHosts.isEmpty()) {
                reloading = false;
                return;
            }
        }
        reload();
    }

    private Uni<List<LiveChange>> load(Map<UUID, Boolean> sessionIds, Set<UUID> hostIds) {
        Uni<List<Session>> changedSessions = sessionIds.isEmpty()
                ? Uni.createFrom().item(List.of())
                : sessions.list("id in ?1", sessionIds.keySet());
        return changedSessions.chain(found -> {
            Set<UUID> needed = new HashSet<>(hostIds);
            found.forEach(session -> needed.add(session.hostId));
            Uni<List<Host>> relevantHosts = needed.isEmpty() ? Uni.createFrom().item(List.of()) : hosts.list("id in ?1", needed);
            return relevantHosts.chain(hostRows -> shares.sharedWith(found.stream().map(session -> session.id)
                            .collect(Collectors.toSet()))
                    .map(sharedWith -> changes(found, sessionIds, sharedWith, hostRows, hostIds)));
        });
    }

    private List<LiveChange> changes(List<Session> found, Map<UUID, Boolean> sessionIds, Map<UUID, Set<String>> sharedWith,
            List<Host> hostRows, Set<UUID> hostIds) {
        Map<UUID, Host> byId = hostRows.stream().collect(Collectors.toMap(host -> host.id, Function.identity()));
        List<LiveChange> out = new ArrayList<>();
        for (UUID id : hostIds) {
            Host host = byId.get(id);
            out.add(host == null || host.removed ? new LiveChange.HostRemoved(id)
                    : new LiveChange.HostChanged(host, hostService.online(host)));
        }
        Set<UUID> present = new HashSet<>();
        for (Session session : found) {
            present.add(session.id);
            Host host = byId.get(session.hostId);
            out.add(new LiveChange.SessionChanged(new HostedSession(session, host == null ? null : host.name),
                    sessionIds.get(session.id), sharedWith.getOrDefault(session.id, Set.of())));
        }
        sessionIds.keySet().stream().filter(id -> !present.contains(id)).forEach(id -> out.add(new LiveChange.SessionRemoved(id)));
        return out;
    }
}
