package dev.drover.daemon.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.isolation.SessionIsolation;
import dev.drover.daemon.shell.ShellStates;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A {@link DaemonConfig} for tests that build components without Quarkus. */
public record TestConfig(Path stateDir, KeeperKind keeper, long segmentSize, long retentionPerSession, long retentionTotal,
        IsolationMode isolationMode, Optional<List<Path>> hiddenPaths) implements DaemonConfig {

    /** PTY keeper, default log sizes, no isolation. */
    public TestConfig(Path stateDir) {
        this(stateDir, KeeperKind.PTY, 8L << 20, 64L << 20, 4L << 30);
    }

    /** No isolation. */
    public TestConfig(Path stateDir, KeeperKind keeper, long segmentSize, long retentionPerSession, long retentionTotal) {
        this(stateDir, keeper, segmentSize, retentionPerSession, retentionTotal, IsolationMode.OFF, Optional.empty());
    }

    /** This configuration with isolation in {@code mode}, hiding {@code hidden} (empty: the state directory). */
    public TestConfig withIsolation(IsolationMode mode, List<Path> hidden) {
        return new TestConfig(stateDir, keeper, segmentSize, retentionPerSession, retentionTotal, mode,
                hidden.isEmpty() ? Optional.empty() : Optional.of(hidden));
    }

    /** A registry of this configuration, built as the daemon builds it. */
    public SessionRegistry registry() {
        return registry(new ShellStates());
    }

    /** A registry of this configuration whose shell states go to {@code shells}. */
    public SessionRegistry registry(ShellStates shells) {
        return registry(shells, new SessionActivities(profile -> Optional.empty()));
    }

    /** A registry of this configuration whose shell states go to {@code shells} and agent activity to {@code activities}. */
    public SessionRegistry registry(ShellStates shells, SessionActivities activities) {
        return new SessionRegistry(this, new ObjectMapper().registerModule(new JavaTimeModule()), shells, activities,
                new SessionIsolation(this));
    }

    @Override
    public URI hubUrl() {
        return URI.create("http://127.0.0.1:1");
    }

    @Override
    public Optional<Path> hubCaFile() {
        return Optional.empty();
    }

    @Override
    public Optional<String> joinToken() {
        return Optional.empty();
    }

    @Override
    public Duration credentialRenewalInterval() {
        return Duration.ofHours(12);
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
    public Duration heartbeatInterval() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Log log() {
        return new Log() {
            @Override
            public MemorySize segmentSize() {
                return new MemorySize(BigInteger.valueOf(segmentSize));
            }

            @Override
            public MemorySize retentionPerSession() {
                return new MemorySize(BigInteger.valueOf(retentionPerSession));
            }

            @Override
            public MemorySize retentionTotal() {
                return new MemorySize(BigInteger.valueOf(retentionTotal));
            }
        };
    }

    @Override
    public Stream stream() {
        return () -> Duration.ofMillis(2);
    }

    @Override
    public Prompts prompts() {
        return () -> Duration.ofMillis(300);
    }

    @Override
    public Screen screen() {
        return new Screen() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int scrollback() {
                return 1000;
            }
        };
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

    @Override
    public Projects projects() {
        return new Projects() {
            @Override
            public List<Path> roots() {
                return List.of(stateDir.resolve("projects"));
            }

            @Override
            public int depth() {
                return 3;
            }

            @Override
            public List<String> ignore() {
                return List.of("node_modules");
            }

            @Override
            public int parallelism() {
                return 2;
            }

            @Override
            public Duration gitTimeout() {
                return Duration.ofSeconds(10);
            }
        };
    }

    @Override
    public Worktrees worktrees() {
        return Optional::empty;
    }

    @Override
    public Approvals approvals() {
        return () -> Duration.ofSeconds(60);
    }

    @Override
    public Transcripts transcripts() {
        return new Transcripts() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public boolean ownRuns() {
                return true;
            }

            @Override
            public boolean redactDefaults() {
                return true;
            }

            @Override
            public Optional<List<String>> redact() {
                return Optional.empty();
            }

            @Override
            public Duration rescanInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int maxInFlight() {
                return 8;
            }

            @Override
            public int maxBatchEntries() {
                return 500;
            }
        };
    }

    @Override
    public Isolation isolation() {
        return new Isolation() {
            @Override
            public IsolationMode mode() {
                return isolationMode;
            }

            @Override
            public Optional<List<Path>> hiddenPaths() {
                return TestConfig.this.hiddenPaths;
            }

            @Override
            public List<String> scrubbedEnv() {
                return List.of(Isolation.DEFAULT_SCRUBBED_ENV.split(","));
            }
        };
    }
}
