package dev.drover.daemon.session;

import dev.drover.daemon.config.DaemonConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A {@link DaemonConfig} for tests that build components without Quarkus. */
record TestConfig(Path stateDir) implements DaemonConfig {

    @Override
    public URI hubUrl() {
        return URI.create("http://127.0.0.1:1");
    }

    @Override
    public Optional<String> joinToken() {
        return Optional.empty();
    }

    @Override
    public int httpPort() {
        return 0;
    }

    @Override
    public String shell() {
        return "/bin/bash";
    }

    @Override
    public Reconnect reconnect() {
        return new Reconnect() {
            @Override
            public Duration minDelay() {
                return Duration.ofMillis(500);
            }

            @Override
            public Duration maxDelay() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
