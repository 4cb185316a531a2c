package dev.drover.daemon.hub;

import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.hook.HookReceiver;
import dev.drover.daemon.profile.ProfileRegistry;
import dev.drover.daemon.project.ProjectRequests;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLog;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.shell.ShellStates;
import dev.drover.daemon.transcript.TranscriptCollector;
import dev.drover.protocol.daemon.DaemonMessage;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the daemon tells the hub without being asked, as it happens on this host: sessions that
 * exited, agent hooks, changed profiles, worktrees, shell states, agent activity (sent in order) and transcript batches
 * (kept until the hub acknowledges them, see {@link TranscriptCollector}). Each goes on the current
 * connection to the hub; while there is none, it is dropped (the next {@code hello} and what
 * follows the {@code welcome} carry the state). Subscribes when the daemon starts.
 */
@Startup
@ApplicationScoped
public class HostReports {

    private final HubLink link;
    private final SessionRegistry sessions;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    /** Sends activity transitions one at a time, in the order they happened. */
    private final ExecutorService inOrder = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("activity-reports").factory());

    public HostReports(HubLink link, SessionRegistry sessions, HookReceiver hooks, ProfileRegistry profiles,
            ProjectRequests projects, ShellStates shells, SessionActivities activities, TranscriptCollector transcripts) {
        this.link = link;
        this.sessions = sessions;
        sessions.onExit(session -> work.execute(() -> sessionExited(session)));
        hooks.onHook(hook -> work.execute(() -> link.sendWhenWelcomed(hook)));
        profiles.onChange(link::sendWhenWelcomed);
        projects.onWorktreeChange(message -> work.execute(() -> link.sendWhenReady(message)));
        shells.onChange(state -> work.execute(() -> link.sendWhenReady(state)));
        activities.onChange(activity -> inOrder.execute(() -> link.sendWhenReady(activity)));
        transcripts.onBatch(link::sendWhenWelcomed);
    }

    private void sessionExited(RunningSession session) {
        SessionLog log = session.log();
        link.sendWhenReady(new DaemonMessage.SessionExited(session.id(), log.exitCode(), log.end(),
                sessions.agentSessionId(session.id()).orElse(null)));
    }
}
