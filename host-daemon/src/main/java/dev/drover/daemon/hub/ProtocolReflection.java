package dev.drover.daemon.hub;

import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.SessionReport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Registers the hub-daemon wire types that Jackson reads and writes, for native images. */
@RegisterForReflection(targets = {
        DaemonMessage.class,
        DaemonMessage.Hello.class,
        DaemonMessage.Welcome.class,
        DaemonMessage.Spawn.class,
        DaemonMessage.Spawned.class,
        DaemonMessage.SpawnFailed.class,
        DaemonMessage.Resize.class,
        DaemonMessage.Stop.class,
        DaemonMessage.SessionExited.class,
        DaemonMessage.OpenStream.class,
        DaemonMessage.Credit.class,
        DaemonMessage.CloseStream.class,
        DaemonMessage.StreamEnded.class,
        SessionReport.class,
})
final class ProtocolReflection {

    private ProtocolReflection() {
    }
}
