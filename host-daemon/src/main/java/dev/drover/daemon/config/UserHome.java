package dev.drover.daemon.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The home directory that {@code ~} and {@code {home}} stand for: {@code $HOME}, as shells and the agent CLIs read
 * it, so that a daemon started with its own {@code HOME} finds the same files its agents do. Java's
 * {@code user.home} (the password database's entry) counts only when {@code HOME} is unset or empty.
 */
public final class UserHome {

    private UserHome() {
    }

    /** The home in the daemon's own environment. */
    public static Path of() {
        return of(System.getenv());
    }

    /** The home in {@code environment}. */
    public static Path of(Map<String, String> environment) {
        String home = environment.get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }
}
