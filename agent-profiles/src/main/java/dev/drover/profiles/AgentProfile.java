package dev.drover.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent CLI as Drover runs it: how to find it, start, resume and continue it, wire its
 * telemetry and hooks, read its state and stop it. Loaded from {@code agent-profiles/*.yaml} and
 * local overrides by {@link ProfileLoader}; the format is {@code profile.schema.json}.
 */
@RegisterForReflection
public record AgentProfile(String id, String name, String description, Binary binary, boolean userCommand,
        Commands commands, AgentSessionId agentSessionId, Map<String, String> env, List<ProfileFile> files,
        Telemetry telemetry, Hooks hooks, ShellIntegration shellIntegration, Status status, List<StopStep> stop,
        Resume resume, Pricing pricing, Transcripts transcripts, List<McpLocation> mcp) {

    public AgentProfile {
        description = description == null ? "" : description;
        agentSessionId = agentSessionId == null ? AgentSessionId.NONE : agentSessionId;
        env = env == null ? Map.of() : Map.copyOf(env);
        files = files == null ? List.of() : List.copyOf(files);
        telemetry = telemetry == null ? new Telemetry(null, null, null, null) : telemetry;
        hooks = hooks == null ? new Hooks(null, null) : hooks;
        shellIntegration = shellIntegration == null ? ShellIntegration.NONE : shellIntegration;
        status = status == null ? new Status(null, null, null) : status;
        stop = List.copyOf(stop);
        pricing = pricing == null ? new Pricing(null) : pricing;
        mcp = mcp == null ? List.of() : List.copyOf(mcp);
    }

    /** The modes this profile can start in. */
    public List<SpawnMode> modes() {
        return commands.modes();
    }

    /** The executable and how to read its version. */
    @RegisterForReflection
    public record Binary(String command, Version version) {
    }

    /** Arguments that print the version, and the pattern whose first group is the version. */
    @RegisterForReflection
    public record Version(List<String> args, String pattern) {
    }

    /** Command templates per mode; {@code prompt} is appended when a first prompt is given. */
    @RegisterForReflection
    public record Commands(@JsonProperty("new") List<String> start, List<String> resume,
            @JsonProperty("continue") List<String> resumeLatest, List<String> prompt) {

        public Commands {
            start = List.copyOf(start);
            resume = resume == null ? null : List.copyOf(resume);
            resumeLatest = resumeLatest == null ? null : List.copyOf(resumeLatest);
            prompt = prompt == null ? List.of() : List.copyOf(prompt);
        }

        /** The command template of {@code mode}, if the profile supports it. */
        public Optional<List<String>> of(SpawnMode mode) {
            return Optional.ofNullable(switch (mode) {
                case NEW -> start;
                case RESUME -> resume;
                case CONTINUE -> resumeLatest;
            });
        }

        List<SpawnMode> modes() {
            return java.util.Arrays.stream(SpawnMode.values()).filter(mode -> of(mode).isPresent()).toList();
        }
    }

    /**
     * Telemetry wiring, applied when the hub has an ingest: environment and files, how often the CLI
     * should export ({@code exportInterval}, default 1s) and where it reports usage ({@code usage},
     * absent when it reports none).
     */
    @RegisterForReflection
    public record Telemetry(Map<String, String> env, List<ProfileFile> files, String exportInterval, Usage usage) {

        public Telemetry {
            env = env == null ? Map.of() : Map.copyOf(env);
            files = files == null ? List.of() : List.copyOf(files);
            exportInterval = exportInterval == null ? "1s" : exportInterval;
        }

        /** How often the CLI should export its metrics and logs. */
        public Duration exportIntervalDuration() {
            return Durations.parse(exportInterval);
        }
    }

    /** Where the CLI reports the tokens and cost of its model requests; {@code modelAttribute} defaults to {@code model}. */
    @RegisterForReflection
    public record Usage(UsageMetric metric, String modelAttribute) {

        public Usage {
            modelAttribute = modelAttribute == null ? "model" : modelAttribute;
        }
    }

    /**
     * A token counter: the metric {@code name}, whose {@code typeAttribute} says which {@link TokenField} each
     * data point adds to ({@code types}), with the {@code temporality} the CLI sends when the export leaves it
     * unspecified, and the CLI's own cost counter in USD ({@code costMetric}) if it has one.
     */
    @RegisterForReflection
    public record UsageMetric(String name, Temporality temporality, String typeAttribute, Map<String, TokenField> types,
            String costMetric) {

        public UsageMetric {
            temporality = temporality == null ? Temporality.DELTA : temporality;
            types = Map.copyOf(types);
        }
    }

    /** Hook wiring: files in the session directory and arguments added to every command. */
    @RegisterForReflection
    public record Hooks(List<ProfileFile> files, List<String> args) {

        public Hooks {
            files = files == null ? List.of() : List.copyOf(files);
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    /**
     * A file prepared in the session's private directory: {@code base} (copied first when it exists)
     * followed by {@code content}, or a symbolic link to {@code link}, a directory created when missing
     * if {@code directory}.
     */
    @RegisterForReflection
    public record ProfileFile(String path, String base, String content, String link, boolean directory) {
    }

    /** Signals that tell the session's state. */
    @RegisterForReflection
    public record Status(List<StatusPattern> title, List<StatusPattern> screen, AgentState bell) {

        public Status {
            title = title == null ? List.of() : List.copyOf(title);
            screen = screen == null ? List.of() : List.copyOf(screen);
        }
    }

    /** A regular expression that, when it matches, means {@code state}. */
    @RegisterForReflection
    public record StatusPattern(String pattern, AgentState state) {
    }

    /** One step of the graceful stop: type {@code send} or send {@code signal}, then wait up to {@code timeout}. */
    @RegisterForReflection
    public record StopStep(String send, StopSignal signal, String timeout) {

        /** How long to wait for the process to end after this step. */
        public Duration timeoutDuration() {
            return Durations.parse(timeout);
        }
    }

    /** How the agent's own session id is learnt after it exits. */
    @RegisterForReflection
    public record Resume(String capture) {
    }

    /** Model names this CLI reports, priced from the pricing table. */
    @RegisterForReflection
    public record Pricing(List<String> models) {

        public Pricing {
            models = models == null ? List.of() : List.copyOf(models);
        }
    }

    /** Where the CLI writes its transcripts and in which format. */
    @RegisterForReflection
    public record Transcripts(List<String> paths, String format) {
    }

    /** A file holding MCP server configuration: the object at {@code pointer} maps server names to servers. */
    @RegisterForReflection
    public record McpLocation(String path, String format, String pointer) {
    }
}
