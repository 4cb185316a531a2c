package dev.drover.daemon.hub;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** What the daemon tells the hub about its machine. */
public record HostIdentity(String hostname, String os, String arch, String daemonVersion) {

    public static HostIdentity of(String daemonVersion) {
        return new HostIdentity(localHostname(), System.getProperty("os.name"), System.getProperty("os.arch"), daemonVersion);
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
