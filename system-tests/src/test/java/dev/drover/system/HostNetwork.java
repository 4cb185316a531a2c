package dev.drover.system;

import dev.drover.cli.stack.ServiceProcess;

import java.util.List;

/**
 * Where one test host's daemon sits on the network, and how the test cuts it off and brings it
 * back: a network namespace of its own ({@link NetworkNamespace}) or, where the machine does not
 * allow that, the root namespace with a loopback address of its own ({@link LoopbackHost}).
 */
interface HostNetwork extends AutoCloseable {

    /** What precedes the daemon's java command to start it here; empty for nothing. */
    List<String> launcher();

    /** The address the daemon dials the hub at. */
    String hubAddress();

    /** The loopback address the daemon's hook endpoint binds. */
    String hookHost();

    /** The network namespace the daemon and its sessions run in, as {@code /proc/<pid>/ns/net} names it. */
    String namespace();

    /** Cuts the daemon off from the hub without telling either side. */
    void cut(ServiceProcess daemon);

    /** Undoes {@link #cut}. */
    void restore(ServiceProcess daemon);

    /** What this is, for the test's log. */
    String describe();

    /** Gives back what was set up and lets no process stay stopped; never throws. */
    @Override
    void close();
}
