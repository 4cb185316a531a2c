package dev.drover.profiles;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
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
        Resume resume, Pricing pricing, Context context, Transcripts transcripts, List<McpLocation> mcp) {

    public AgentProfile {
        description = description == null ? "" : description;
        agentSessionId = agentSessionId == null ? AgentSessionId.NONE : agentSessionId;
        env = env == null ? Map.of() : Map.copyOf(env);
        files = files == null ? List.of() : List.copyOf(files);
        telemetry = telemetry == null ? new Telemetry(null, null, null, null) : telemetry;
        hooks = hooks == null ? new Hooks(null, null) : hooks;
        shellIntegration = shellIntegration == null ? ShellIntegration.NONE : shellIntegration;
        status = status == null ? new Status(null, null, null, null, null, null, null) : status;
        stop = List.copyOf(stop);
        pricing = pricing == null ? new Pricing(null) : pricing;
        context = context == null ? new Context(null) : context;
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

    /**
     * Where the CLI reports the tokens and cost of its model requests: a {@code metric} or an {@code event}, the
     * model in the first of {@code modelAttribute} that a data point or event has (default {@code model});
     * {@code inputIncludesCache} when its input figure counts the cached prompt tokens too.
     */
    @RegisterForReflection
    public record Usage(UsageMetric metric, UsageEvent event,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> modelAttribute,
            boolean inputIncludesCache) {

        public Usage {
            modelAttribute = modelAttribute == null ? List.of("model") : List.copyOf(modelAttribute);
        }

        /** The first of {@code modelAttribute} that {@code attributes} has, with its value; empty when none. */
        public Optional<Map.Entry<String, String>> model(Map<String, String> attributes) {
            return modelAttribute.stream()
                    .filter(attributes::containsKey)
                    .findFirst()
                    .map(name -> Map.entry(name, attributes.get(name)));
        }

        /** Whether the CLI reports the cost itself, so that it is not priced. */
        public boolean reportsCost() {
            return metric != null ? metric.costMetric() != null : event.costAttribute() != null;
        }
    }

    /**
     * A log event per model request: named {@code name}, with the attribute values {@code where} asks for, whose
     * attributes {@code tokens} say which {@link TokenField} they add to, and {@code costAttribute} the cost in
     * USD when the CLI computes it.
     */
    @RegisterForReflection
    public record UsageEvent(String name, Map<String, String> where, Map<String, TokenField> tokens,
            String costAttribute) {

        public UsageEvent {
            where = where == null ? Map.of() : Map.copyOf(where);
            tokens = Map.copyOf(tokens);
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

    /**
     * Signals that tell what the agent does: hook calls, OSC marks, terminal titles, the screen, the
     * bell, and how long a quiet output takes to mean idle ({@code quiet}, default 3 s).
     */
    @RegisterForReflection
    public record Status(List<HookRule> hooks, List<StatusPattern> osc, List<StatusPattern> title,
            List<StatusPattern> screen, AgentState bell, String quiet, Approval approval) {

        /** How long output must stop before a working agent counts as idle, when the profile does not say. */
        public static final Duration DEFAULT_QUIET = Duration.ofSeconds(3);

        public Status {
            hooks = hooks == null ? List.of() : List.copyOf(hooks);
            osc = osc == null ? List.of() : List.copyOf(osc);
            title = title == null ? List.of() : List.copyOf(title);
            screen = screen == null ? List.of() : List.copyOf(screen);
        }

        /** How long output must stop before a working agent counts as idle. */
        public Duration quietDuration() {
            return quiet == null ? DEFAULT_QUIET : Durations.parse(quiet);
        }
    }

    /**
     * How a person's decision on the agent's approval prompt reaches it (docs/profiles.md, Approvals):
     * {@code hook} names the blocking hook event the daemon holds open until someone decides (answered
     * in Claude Code's {@code PermissionRequest} format), and {@code allow} / {@code deny} are the keys
     * typed into the terminal when no hook waits; any of them may be absent.
     */
    @RegisterForReflection
    public record Approval(String hook, String allow, String deny) {
    }

    /**
     * A hook call meaning {@code state}: its {@code event}, and when given its {@code tool}
     * ({@code tool_name}) and {@code notification} ({@code notification_type}); {@code detail} is a
     * JSON pointer to the text to show with the state.
     */
    @RegisterForReflection
    public record HookRule(String event, String tool, String notification, AgentState state, String detail) {
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

    /** What the models this CLI uses cost, by the name it reports. */
    @RegisterForReflection
    public record Pricing(Map<String, ModelPrice> models) {

        public Pricing {
            models = models == null ? Map.of() : Map.copyOf(models);
        }

        /** The price of {@code model}, matched as {@link ModelNames} says. */
        public Optional<ModelPrice> of(String model) {
            return ModelNames.match(models, ModelPrice::aliases, model);
        }
    }

    /** How many tokens a request to each model this CLI uses can hold, by the name it reports. */
    @RegisterForReflection
    public record Context(Map<String, ModelContext> models) {

        public Context {
            models = models == null ? Map.of() : Map.copyOf(models);
        }

        /** The context window of {@code model} in tokens, matched as {@link ModelNames} says. */
        public Optional<Long> windowOf(String model) {
            return ModelNames.match(models, ModelContext::aliases, model).map(ModelContext::window);
        }
    }

    /** A model's context window in tokens, and other names of the model. */
    @RegisterForReflection
    public record ModelContext(long window, List<String> aliases) {

        public ModelContext {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    /** USD per million tokens of each kind (a kind not given costs nothing), and other names of the model. */
    @RegisterForReflection
    public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheCreation,
            List<String> aliases) {

        public ModelPrice {
            cacheRead = cacheRead == null ? BigDecimal.ZERO : cacheRead;
            cacheCreation = cacheCreation == null ? BigDecimal.ZERO : cacheCreation;
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        /** USD per million tokens of {@code field}. */
        public BigDecimal perMillion(TokenField field) {
            return switch (field) {
                case INPUT -> input;
                case OUTPUT -> output;
                case CACHE_READ -> cacheRead;
                case CACHE_CREATION -> cacheCreation;
            };
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
