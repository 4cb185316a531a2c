package dev.drover.hub.daemon.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.conversation.service.ConversationService;
import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.host.service.HostService;
import dev.drover.hub.link.DaemonLink;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.hub.notify.service.Webhooks;
import dev.drover.hub.project.service.ProjectService;
import dev.drover.hub.session.service.ActivityHistory;
import dev.drover.hub.session.service.SessionReports;
import dev.drover.hub.web.CloseReasons;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.MalformedFrameException;
import dev.drover.protocol.terminal.TerminalCloseCodes;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The socket daemons dial ({@code /api/v1/daemon/connect}); see docs/adr/0002-hub-daemon-protocol.md.
 * The host is online from its {@code hello} until the socket closes or the daemon falls silent
 * (see {@link dev.drover.hub.link.HeartbeatWatch}).
 */
@WebSocket(path = "/api/v1/daemon/connect", endpointId = DaemonSocket.ID)
@RolesAllowed(TokenIssuer.HOST_ROLE)
public class DaemonSocket {

    static final String ID = "daemon";
    /** Close code for a daemon that speaks another major protocol version. */
    static final int WRONG_PROTOCOL = 4400;
    private static final UserData.TypedKey<DaemonLink> LINK = new UserData.TypedKey<>("drover.daemon.link");
    private static final Logger LOG = Logger.getLogger(DaemonSocket.class);

    private final DaemonRegistry registry;
    private final HostService hosts;
    private final SessionReports sessions;
    private final ActivityHistory activities;
    private final Webhooks webhooks;
    private final ProjectService projects;
    private final ObjectMapper mapper;
    private final HubConfig config;
    private final ConversationService conversations;

    public DaemonSocket(DaemonRegistry registry, HostService hosts, SessionReports sessions, ActivityHistory activities,
            ProjectService projects, ObjectMapper mapper, HubConfig config, Webhooks webhooks, ConversationService conversations) {
        this.conversations = conversations;
        this.activities = activities;
        this.webhooks = webhooks;
        this.config = config;
        this.registry = registry;
        this.hosts = hosts;
        this.sessions = sessions;
        this.projects = projects;
        this.mapper = mapper;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        UUID hostId = connection.userData().get(DaemonUpgradeCheck.HOST_ID);
        String hostName = connection.userData().get(DaemonUpgradeCheck.HOST_NAME);
        connection.userData().put(LINK, new DaemonLink(hostId, hostName, connection, mapper,
                config.terminal().inputWindow()));
        LOG.debugf("daemon of host %s (%s) connected", hostName, hostId);
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    public Uni<Void> text(String text, WebSocketConnection connection) {
        DaemonLink link = connection.userData().get(LINK);
        link.heard();
        DaemonMessage message;
        try {
            message = mapper.readValue(text, DaemonMessage.class);
        } catch (JsonProcessingException e) {
            return malformed(connection, "malformed message", e.getOriginalMessage());
        }
        if (message == null) {
            return malformed(connection, "malformed message", "null");
        }
        return switch (message) {
            case DaemonMessage.InputWritten written -> {
                link.inputWritten(written.sessionId(), written.bytes());
                yield Uni.createFrom().voidItem();
            }
            case DaemonMessage.Screen screen -> {
                link.screen(screen);
                yield Uni.createFrom().voidItem();
            }
            default -> link.inOrder(() -> apply(link, connection, message)
                    .onFailure().call(failure -> connection.isClosed() ? closedMeanwhile(failure, connection, message)
                            : failed(failure, connection)));
        };
    }

    /**
     * Applies a message that writes to the database or must stay in order with those. The link
     * applies them one at a time, in the order the daemon sent them, and meanwhile goes on reading:
     * output and input acknowledgements ({@link #binary}, {@code input-written}, {@code screen}) never
     * wait for a commit (ADR 0008).
     */
    private Uni<Void> apply(DaemonLink link, WebSocketConnection connection, DaemonMessage message) {
        return switch (message) {
            case DaemonMessage.Hello hello -> hello(link, hello);
            case DaemonMessage.Spawned spawned -> sessions.markRunning(link.hostId(), spawned.sessionId())
                    .invoke(() -> link.answer(spawned.requestId(), spawned));
            case DaemonMessage.SpawnFailed failed -> sessions.markFailed(link.hostId(), failed.sessionId(), failed.reason())
                    .invoke(() -> link.answer(failed.requestId(), failed));
            case DaemonMessage.SessionExited exited -> sessions.markExited(link.hostId(), exited.sessionId(), exited.exitCode(),
                    exited.agentSessionId());
            case DaemonMessage.StreamEnded ended -> {
                link.streamEnded(ended);
                yield Uni.createFrom().voidItem();
            }
            case DaemonMessage.Heartbeat heartbeat -> hosts.recordHeartbeat(link.hostId(), heartbeat.health());
            case DaemonMessage.Profiles offer -> hosts.recordProfiles(link.hostId(), offer);
            case DaemonMessage.SpawnProgress progress -> sessions.recordProgress(link.hostId(), progress.sessionId(), progress.step());
            case DaemonMessage.AgentHook hook -> sessions.recordHook(link.hostId(), hook);
            case DaemonMessage.Projects found -> projects.recordScan(link.hostId(), found)
                    .invoke(() -> link.answer(found.requestId(), found));
            case DaemonMessage.WorktreeDiscarded discarded -> projects.forgetWorktree(link.hostId(), discarded.path())
                    .invoke(() -> link.answer(discarded.requestId(), discarded));
            case DaemonMessage.Prompted prompted -> {
                link.answer(prompted.requestId(), prompted);
                yield Uni.createFrom().voidItem();
            }
            case DaemonMessage.ScreenText screen -> {
                link.answer(screen.requestId(), screen);
                yield Uni.createFrom().voidItem();
            }
            case DaemonMessage.RequestFailed failed -> {
                link.answer(failed.requestId(), failed);
                yield Uni.createFrom().voidItem();
            }
            case DaemonMessage.WorktreeCreated created -> projects.recordWorktree(link.hostId(), created.worktree())
                    .chain(() -> sessions.recordWorktree(link.hostId(), created.worktree()));
            case DaemonMessage.WorktreeReleased released -> projects.recordRelease(link.hostId(), released);
            case DaemonMessage.ShellState shell -> sessions.recordShellState(link.hostId(), shell);
            case DaemonMessage.McpServers servers -> sessions.recordMcpServers(link.hostId(), servers);
            case DaemonMessage.Activity activity -> activities.record(link.hostId(), activity)
                    .invoke(() -> webhooks.transition(activity).subscribe().with(
                            claimed -> {
                            },
                            failure -> LOG.warnf("notifications of session %s failed: %s", activity.sessionId(), failure.getMessage())));
            case DaemonMessage.Decided decided -> {
                link.answer(decided.requestId(), decided);
                yield Uni.createFrom().voidItem();
            }
            case DaemonMessage.Transcript transcript -> conversations.ingest(link.hostId(), transcript)
                    .chain(() -> link.send(new DaemonMessage.TranscriptAck(transcript.batch())));
            default -> malformed(connection, "unexpected message", message.getClass().getSimpleName());
        };
    }

    @OnBinaryMessage
    public Uni<Void> binary(Buffer frame, WebSocketConnection connection) {
        DaemonLink link = connection.userData().get(LINK);
        link.heard();
        try {
            link.data(frame);
        } catch (MalformedFrameException e) {
            return malformed(connection, "malformed frame", e.getMessage());
        }
        return Uni.createFrom().voidItem();
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        DaemonLink link = connection.userData().get(LINK);
        if (link == null || !registry.remove(link)) {
            return Uni.createFrom().voidItem();
        }
        LOG.infof("daemon of host %s (%s) disconnected", link.hostName(), link.hostId());
        link.disconnected();
        return hosts.recordSeen(link.hostId())
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("last-seen time of host %s not recorded (the hub is stopping?): %s", link.hostId(),
                            failure.getMessage());
                    return null;
                });
    }

    private Uni<Void> hello(DaemonLink link, DaemonMessage.Hello hello) {
        if (hello.protocolVersion() != DaemonMessage.PROTOCOL_VERSION) {
            link.disconnect(WRONG_PROTOCOL, "protocol version " + hello.protocolVersion() + " is not supported, this hub speaks "
                    + DaemonMessage.PROTOCOL_VERSION);
            return Uni.createFrom().voidItem();
        }
        return hosts.recordHello(link.hostId(), hello)
                .chain(() -> sessions.reconcile(link.hostId(), hello.sessions()))
                .invoke(() -> registry.register(link).ifPresent(previous -> {
                    previous.disconnected();
                    previous.disconnect(TerminalCloseCodes.GOING_AWAY, "replaced by a newer connection");
                }))
                .chain(() -> link.send(new DaemonMessage.Welcome(link.hostId(), DaemonMessage.PROTOCOL_VERSION)))
                .invoke(() -> LOG.infof("daemon of host %s (%s) online, version %s, %d sessions", link.hostName(),
                        link.hostId(), hello.daemonVersion(), hello.sessions() == null ? 0 : hello.sessions().size()));
    }

    /**
     * A failure no message handling expected: logged, and the daemon gets 1011 (1008 when no longer allowed) with a
     * reason that tells nothing of the hub's insides. Messages the protocol refuses never get here (1007 above).
     */
    @OnError
    public Uni<Void> failed(Throwable failure, WebSocketConnection connection) {
        LOG.errorf(failure, "daemon socket %s failed", connection.id());
        return connection.close(CloseReasons.afterFailure(failure));
    }

    /**
     * A message applied after its socket closed (it waited behind the daemon's earlier reports) whose
     * handling failed, typically on answering through the closed socket: the daemon is gone, so
     * nothing is closed or reported to it; a warning keeps the failure visible.
     */
    private static Uni<Void> closedMeanwhile(Throwable failure, WebSocketConnection connection, DaemonMessage message) {
        LOG.warnf("daemon socket %s closed before its %s was applied: %s", connection.id(),
                message.getClass().getSimpleName(), failure.getMessage());
        return Uni.createFrom().voidItem();
    }

    /** Closes with 1007 and {@code reason}, a fixed text: the decoder's {@code detail} goes to the debug log only. */
    private static Uni<Void> malformed(WebSocketConnection connection, String reason, String detail) {
        LOG.debugf("closing daemon socket %s: %s: %s", connection.id(), reason, detail);
        return connection.close(CloseReasons.of(TerminalCloseCodes.INVALID_DATA, reason));
    }
}
