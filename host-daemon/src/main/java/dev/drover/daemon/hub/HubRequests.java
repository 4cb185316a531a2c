package dev.drover.daemon.hub;

import dev.drover.daemon.approval.Decisions;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.hook.TurnRefusals;
import dev.drover.daemon.mcp.McpDetector;
import dev.drover.daemon.profile.ProfileRegistry;
import dev.drover.daemon.profile.SessionLauncher;
import dev.drover.daemon.project.ProjectRequests;
import dev.drover.daemon.prompt.PromptTyping;
import dev.drover.daemon.session.ReplayCursor;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLog;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.SpawnException;
import dev.drover.daemon.session.screen.ScreenModel;
import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.shell.ShellStates;
import dev.drover.daemon.transcript.TranscriptCollector;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.StreamEndReason;
import dev.drover.protocol.daemon.StreamFrames;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Serves what the hub asks of this daemon, one handler per request type (docs/adr/0002); a new
 * request type gets a case in {@link #handle} and a handler here. Called on the socket's event
 * loop: anything that may block (spawning, disk, sending with backpressure) runs on a virtual
 * thread.
 */
@ApplicationScoped
public class HubRequests {

    private static final Logger LOG = Logger.getLogger(HubRequests.class);

    private final DaemonConfig config;
    private final SessionRegistry sessions;
    private final SessionLauncher launcher;
    private final ProfileRegistry profiles;
    private final ProjectRequests projects;
    private final ShellStates shells;
    private final McpDetector mcp;
    private final SessionActivities activities;
    private final TurnRefusals refusals;
    private final PromptTyping prompts;
    private final Decisions decisions;
    private final TranscriptCollector transcripts;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

    public HubRequests(DaemonConfig config, SessionRegistry sessions, SessionLauncher launcher, ProfileRegistry profiles,
            ProjectRequests projects, ShellStates shells, McpDetector mcp, TurnRefusals refusals, SessionActivities activities,
            PromptTyping prompts, Decisions decisions, TranscriptCollector transcripts) {
        this.transcripts = transcripts;
        this.prompts = prompts;
        this.refusals = refusals;
        this.decisions = decisions;
        this.config = config;
        this.sessions = sessions;
        this.launcher = launcher;
        this.profiles = profiles;
        this.projects = projects;
        this.shells = shells;
        this.mcp = mcp;
        this.activities = activities;
    }

    /** Tells a hub that just welcomed the daemon what it offers: profiles, projects, shell states, activity; and sends transcripts again. */
    void welcomed(HubConnection hub) {
        work.execute(() -> hub.send(profiles.offer()));
        work.execute(() -> projects.announce().ifPresent(hub::sendWhenReady));
        work.execute(() -> shells.all().forEach(hub::sendWhenReady));
        work.execute(() -> activities.all().forEach(hub::sendWhenReady));
        transcripts.connected();
    }

    /** Serves one request from the hub on {@code hub}. */
    void handle(DaemonMessage request, HubConnection hub) {
        switch (request) {
            case DaemonMessage.Spawn spawn -> work.execute(() -> spawn(spawn, hub));
            case DaemonMessage.ListProjects list -> work.execute(() -> hub.send(projects.projects(list)));
            case DaemonMessage.DiscardWorktree discard -> work.execute(() -> hub.send(projects.discard(discard)));
            case DaemonMessage.Resize resize -> sessions.resize(resize.sessionId(), resize.cols(), resize.rows());
            case DaemonMessage.Stop stop -> {
                refusals.refuse(stop.sessionId(), stop.reason());
                sessions.stop(stop.sessionId());
            }
            case DaemonMessage.Decide decide -> work.execute(() -> hub.send(decisions.decide(decide)));
            case DaemonMessage.OpenStream open -> work.execute(() -> openStream(open, hub));
            case DaemonMessage.Credit credit -> credit(credit, hub);
            case DaemonMessage.CloseStream close -> closeStream(close, hub);
            case DaemonMessage.Prompt prompt -> work.execute(() -> hub.send(prompts.type(prompt)));
            case DaemonMessage.ReadScreen read -> work.execute(() -> hub.send(screenText(read)));
            case DaemonMessage.TranscriptAck ack -> transcripts.acknowledged(ack.batch());
            default -> LOG.warnf("ignoring %s: the hub does not send it", request.getClass().getSimpleName());
        }
    }

    /** Writes input the hub forwards to a running session; input to any other session is dropped. */
    void input(StreamFrames.Input input, HubConnection hub) {
        byte[] bytes = new byte[input.bytes().remaining()];
        input.bytes().get(bytes);
        UUID sessionId = input.sessionId();
        Optional<RunningSession> session = sessions.running(sessionId);
        if (session.isEmpty()) {
            LOG.debugf("input for session %s dropped: not running", sessionId);
            hub.inputTaken(sessionId, bytes.length);
            return;
        }
        session.get().write(bytes).whenComplete((taken, failure) -> hub.inputTaken(sessionId, bytes.length));
    }

    private void spawn(DaemonMessage.Spawn spawn, HubConnection hub) {
        try {
            RunningSession session = launcher.launch(spawn,
                    step -> hub.send(new DaemonMessage.SpawnProgress(spawn.sessionId(), step)));
            hub.send(new DaemonMessage.Spawned(spawn.requestId(), spawn.sessionId(), session.pid()));
            // The MCP servers the session's profile configures, reported with the session.
            sessions.profile(spawn.sessionId()).flatMap(profiles::find)
                    .flatMap(profile -> mcp.forSpawn(spawn, profile.mcp()))
                    .ifPresent(hub::send);
        } catch (SpawnException e) {
            LOG.infof("session %s not started: %s", spawn.sessionId(), e.getMessage());
            hub.send(new DaemonMessage.SpawnFailed(spawn.requestId(), spawn.sessionId(), e.getMessage()));
        }
    }

    private DaemonMessage screenText(DaemonMessage.ReadScreen read) {
        return sessions.screen(read.sessionId())
                .map(ScreenModel::text)
                .<DaemonMessage>map(screen -> new DaemonMessage.ScreenText(read.requestId(), read.sessionId(), screen.cols(),
                        screen.rows(), screen.lines(), screen.styledLines(), screen.offset()))
                .orElseGet(() -> new DaemonMessage.RequestFailed(read.requestId(),
                        "session " + read.sessionId() + " has no terminal model here"));
    }

    private void openStream(DaemonMessage.OpenStream open, HubConnection hub) {
        Optional<SessionLog> found = sessions.log(open.sessionId());
        if (found.isEmpty()) {
            hub.send(new DaemonMessage.StreamEnded(open.streamId(), 0, StreamEndReason.UNKNOWN_SESSION, null));
            return;
        }
        SessionLog log = found.get();
        long end = log.end();
        long from = open.from() < 0 ? end : open.from();
        if (open.screen()) {
            from = log.start();
            Optional<ScreenModel.Snapshot> snapshot = sessions.screen(open.sessionId())
                    .map(ScreenModel::snapshot)
                    .filter(s -> s.offset() >= log.start());
            if (snapshot.isPresent()) {
                ScreenModel.Snapshot screen = snapshot.get();
                from = screen.offset();
                hub.send(new DaemonMessage.Screen(open.streamId(), screen.offset(), screen.cols(), screen.rows(),
                        Base64.getEncoder().encodeToString(screen.repaint()), screen.screenAt(), log.start()));
            }
        }
        if (from > end || from < log.start()) {
            hub.send(new DaemonMessage.StreamEnded(open.streamId(), end, StreamEndReason.OFFSET_OUT_OF_RANGE, null));
            return;
        }
        LogStream stream = new LogStream(open.streamId(), log, new ReplayCursor(log, from, open.window()),
                config.stream().coalesce(), new LogStream.Sink() {
                    @Override
                    public void data(byte[] frame) {
                        hub.sendBinary(frame).whenComplete((sent, failure) -> {
                            if (failure != null) {
                                LOG.debugf("stream %d: frame not sent: %s", open.streamId(),
                                        ConnectFailure.describe(failure));
                            }
                        });
                    }

                    @Override
                    public void ended(DaemonMessage.StreamEnded ended) {
                        hub.send(ended);
                    }
                },
                hub::streamEnded);
        hub.streamOpened(stream);
        stream.start();
    }

    private static void credit(DaemonMessage.Credit credit, HubConnection hub) {
        LogStream stream = hub.stream(credit.streamId());
        if (stream != null) {
            stream.credit(credit.bytes());
        }
    }

    private static void closeStream(DaemonMessage.CloseStream close, HubConnection hub) {
        LogStream stream = hub.stream(close.streamId());
        if (stream != null) {
            stream.close(true);
        }
    }
}
