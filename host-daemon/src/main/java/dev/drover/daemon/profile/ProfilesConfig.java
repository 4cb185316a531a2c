package dev.drover.daemon.profile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Agent profiles on this host ({@code drover.daemon.profiles.*}). */
@ConfigMapping(prefix = "drover.daemon.profiles")
public interface ProfilesConfig {

    /** Local overrides and extra profiles (*.yaml), merged over the shipped ones and reloaded when they change. */
    @WithDefault("${HOME:${user.home}}/.config/drover/profiles")
    Path dir();

    /** How long a CLI's version command may take before it counts as not working. */
    @WithDefault("5s")
    Duration detectTimeout();

    /** How long the overrides directory must be quiet after a change before the profiles reload. */
    @WithDefault("300ms")
    Duration reloadDelay();
}
