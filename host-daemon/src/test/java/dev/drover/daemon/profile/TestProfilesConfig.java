package dev.drover.daemon.profile;

import java.nio.file.Path;
import java.time.Duration;

/** A {@link ProfilesConfig} for tests that build the registry without Quarkus. */
record TestProfilesConfig(Path dir) implements ProfilesConfig {

    @Override
    public Duration detectTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Duration reloadDelay() {
        return Duration.ofMillis(100);
    }
}
