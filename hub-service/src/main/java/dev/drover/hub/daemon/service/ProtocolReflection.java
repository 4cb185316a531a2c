package dev.drover.hub.daemon.service;

import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.SessionReport;
import dev.drover.protocol.daemon.SessionRunState;
import dev.drover.protocol.daemon.StreamEndReason;
import dev.drover.protocol.terminal.TerminalControl;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Registers the protocol's JSON types (read and written by Jackson on the sockets) for native images. */
@RegisterForReflection(targets = {
        DaemonMessage.class, DaemonMessage.Hello.class, DaemonMessage.Welcome.class, DaemonMessage.Spawn.class,
        DaemonMessage.Spawned.class, DaemonMessage.SpawnFailed.class, DaemonMessage.Resize.class,
        DaemonMessage.Stop.class, DaemonMessage.SessionExited.class, DaemonMessage.OpenStream.class,
        DaemonMessage.Credit.class, DaemonMessage.CloseStream.class, DaemonMessage.StreamEnded.class,
        SessionReport.class, SessionRunState.class, StreamEndReason.class,
        TerminalControl.class, TerminalControl.Resize.class, TerminalControl.Ack.class,
        TerminalControl.Attached.class, TerminalControl.Exit.class })
public final class ProtocolReflection {

    private ProtocolReflection() {
    }
}
