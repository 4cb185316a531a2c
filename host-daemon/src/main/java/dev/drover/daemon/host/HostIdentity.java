package dev.drover.daemon.host;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the daemon tells the hub about its machine and itself: the hostname (it enrolls under it and
 * says it in {@code hello}), operating system, architecture and the daemon's version (in
 * {@code hello} and every heartbeat). Read once, when the daemon starts.
 */
@Singleton
public class HostIdentity {

    private final String hostname;
    private final String os;
    private final String arch;
    private final String daemonVersion;

    @Inject
    public HostIdentity(@ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String daemonVersion) {
        this(localHostname(), System.getProperty("os.name"), System.getProperty("os.arch"), daemonVersion);
    }

    public HostIdentity(String hostname, String os, String arch, String daemonVersion) {
        this.hostname = hostname;
        this.os = os;
        this.arch = arch;
        this.daemonVersion = daemonVersion;
    }

    public String hostname() {
        return hostname;
    }

    public String os() {
        return os;
    }

    public String arch() {
        return arch;
    }

    public String daemonVersion() {
        return daemonVersion;
    }

    private static String localHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
