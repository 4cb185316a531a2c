package dev.drover.daemon.profile;

import dev.drover.daemon.config.UserHome;
import dev.drover.daemon.hook.HookReceiver;
import dev.drover.daemon.session.SessionLaunch;
import dev.drover.daemon.session.SpawnException;
import dev.drover.daemon.shell.BashIntegration;
import dev.drover.profiles.AgentProfile;
import dev.drover.profiles.AgentProfile.ProfileFile;
import dev.drover.profiles.ShellIntegration;
import dev.drover.profiles.SpawnMode;
import dev.drover.profiles.Templates;
import dev.drover.protocol.daemon.DaemonMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns a spawn request into what to start, as the session's agent profile says: the command of
 * the requested mode with its placeholders filled in, hook arguments and the first prompt
 * appended, the profile's environment and telemetry wiring, and the files it needs prepared in
 * the session's private directory. Refuses, with a message for the user, anything the profile
 * does not allow; nothing runs through a shell.
 */
@ApplicationScoped
public class LaunchPlanner {

    /** The agent's own session ids are UUIDs or similar tokens; never anything a shell would read. */
    private static final Pattern AGENT_SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final int MAX_PROMPT = 100_000;
    static final String AGENT_DIR = "agent";

    private final ProfileRegistry profiles;
    private final BashIntegration bashIntegration;
    private final Function<UUID, String> hookUrls;
    private final Map<String, String> environment;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public LaunchPlanner(ProfileRegistry profiles, BashIntegration bashIntegration, HookReceiver hooks) {
        this(profiles, bashIntegration, hooks::url, System.getenv());
    }

    /**
     * A planner whose sessions post hooks to {@code hookUrls} and whose {@code ~}, {@code {home}} and
     * {@code {env:NAME}} come from {@code environment} (tests).
     */
    public LaunchPlanner(ProfileRegistry profiles, BashIntegration bashIntegration, Function<UUID, String> hookUrls,
            Map<String, String> environment) {
        this.hookUrls = hookUrls;
        this.profiles = profiles;
        this.bashIntegration = bashIntegration;
        this.environment = Map.copyOf(environment);
    }

    /** The home directory {@code ~} and {@code {home}} stand for: the daemon's {@code $HOME}. */
    public Path home() {
        return UserHome.of(environment);
    }

    /**
     * The launch for {@code spawn} in {@code cwd}; profile files are written under
     * {@code sessionDir}/agent.
     */
    public SessionLaunch plan(DaemonMessage.Spawn spawn, Path cwd, Path sessionDir) throws SpawnException {
        boolean hasCommand = spawn.command() != null && !spawn.command().isEmpty();
        String id = profileId(spawn);
        AgentProfile profile = profiles.find(id).orElseThrow(() -> new SpawnException("unknown profile " + id));
        SpawnMode mode;
        try {
            mode = spawn.mode() == null ? SpawnMode.NEW : SpawnMode.of(spawn.mode());
        } catch (IllegalArgumentException e) {
            throw new SpawnException(e.getMessage());
        }
        List<String> template = profile.commands().of(mode)
                .orElseThrow(() -> new SpawnException(profile.name() + " cannot " + mode.wire() + " a session"));
        if (profile.userCommand() != hasCommand) {
            throw new SpawnException(profile.userCommand() ? "the " + profile.id() + " profile needs a command line"
                    : profile.name() + " starts its own command; use the command profile to run another one");
        }
        String agentSessionId = spawn.agentSessionId();
        if (agentSessionId != null && !AGENT_SESSION_ID.matcher(agentSessionId).matches()) {
            throw new SpawnException("not an agent session id: letters, digits and . _ : - only, at most 128");
        }
        String prompt = spawn.prompt() == null || spawn.prompt().isBlank() ? null : spawn.prompt();
        if (prompt != null && profile.commands().prompt().isEmpty()) {
            throw new SpawnException(profile.name() + " cannot take a first prompt");
        }
        if (prompt != null && prompt.length() > MAX_PROMPT) {
            throw new SpawnException("the first prompt is longer than " + MAX_PROMPT + " characters");
        }
        Path agentDir = sessionDir.resolve(AGENT_DIR);
        String hooksToken = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        Function<String, String> values = values(spawn, cwd, agentDir, agentSessionId, prompt, hooksToken,
                () -> hookUrls.apply(spawn.sessionId()), profile.telemetry().exportIntervalDuration());

        List<String> argv = new ArrayList<>();
        try {
            (profile.userCommand() ? spawn.command() : template).forEach(arg ->
                    argv.add(profile.userCommand() ? arg : Templates.expand(arg, values)));
            profile.hooks().args().forEach(arg -> argv.add(Templates.expand(arg, values)));
            if (prompt != null) {
                profile.commands().prompt().forEach(arg -> argv.add(Templates.expand(arg, values)));
            }
        } catch (IllegalArgumentException e) {
            throw new SpawnException(profile.name() + " " + mode.wire() + ": " + describe(e.getMessage()));
        }

        Map<String, String> env = new LinkedHashMap<>();
        List<ProfileFile> files = new ArrayList<>(profile.files());
        files.addAll(profile.hooks().files());
        try {
            profile.env().forEach((key, value) -> env.put(key, Templates.expand(value, values)));
            if (spawn.telemetry() != null) {
                profile.telemetry().env().forEach((key, value) -> env.put(key, Templates.expand(value, values)));
                files.addAll(profile.telemetry().files());
            }
        } catch (IllegalArgumentException e) {
            throw new SpawnException(profile.name() + ": " + describe(e.getMessage()));
        }
        if (spawn.env() != null) {
            env.putAll(spawn.env());
        }
        prepare(files, values, agentDir, home().toString());
        // Shell integration: bash reports its working directory, command lines and exit codes (shell-state).
        List<String> launched = profile.shellIntegration() == ShellIntegration.BASH ? bashIntegration.argv(argv) : argv;
        return new SessionLaunch(spawn.sessionId(), launched, cwd, env, spawn.cols(), spawn.rows(), profile.id(),
                agentSessionId, profile.resume() == null ? null : profile.resume().capture(), profile.stop(), hooksToken);
    }

    /** The profile {@code spawn} names: by default {@code command} when it carries a command, else {@code bash}. */
    static String profileId(DaemonMessage.Spawn spawn) {
        if (spawn.profile() != null) {
            return spawn.profile();
        }
        return spawn.command() != null && !spawn.command().isEmpty() ? "command" : "bash";
    }

    private static String describe(String missing) {
        return missing.equals("no value for {agentSessionId}") ? "needs the agent's session id" : missing;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    private Function<String, String> values(DaemonMessage.Spawn spawn, Path cwd, Path agentDir,
            String agentSessionId, String prompt, String hooksToken, Supplier<String> hooksUrl, Duration exportInterval) {
        DaemonMessage.TelemetryWiring telemetry = spawn.telemetry();
        return name -> switch (name) {
            case "agentSessionId" -> agentSessionId;
            case "prompt" -> prompt;
            case "sessionId" -> spawn.sessionId().toString();
            case "sessionDir" -> agentDir.toString();
            case "cwd", "project" -> cwd.toString();
            case "home" -> home().toString();
            case "otlpEndpoint" -> telemetry == null ? null : telemetry.endpoint();
            case "telemetryToken" -> telemetry == null ? null : telemetry.token();
            case "resourceAttributes" -> telemetry == null ? null : telemetry.resourceAttributes();
            case "exportIntervalMillis" -> Long.toString(exportInterval.toMillis());
            case "hooksToken" -> hooksToken;
            case "hooksUrl" -> hooksUrl.get();
            default -> name.startsWith("env:") ? environment.get(name.substring(4)) : null;
        };
    }

    /**
     * Writes (or links) each file inside {@code agentDir} only, readable by the daemon's user alone. The target of a
     * {@code directory} link is created (0700) when missing, so that the agent can write into it.
     */
    private static void prepare(List<ProfileFile> files, Function<String, String> values, Path agentDir, String home)
            throws SpawnException {
        for (ProfileFile file : files) {
            try {
                Path target = Path.of(Templates.expandPath(file.path(), values, home)).normalize();
                if (!target.startsWith(agentDir) || target.equals(agentDir)) {
                    throw new SpawnException("profile file " + file.path() + " is outside the session directory");
                }
                createPrivateDirectories(agentDir, target.getParent());
                Files.deleteIfExists(target);
                if (file.link() != null) {
                    Path linked = Path.of(Templates.expandPath(file.link(), values, home));
                    if (file.directory()) {
                        createPrivateDirectories(linked);
                    }
                    Files.createSymbolicLink(target, linked);
                    continue;
                }
                StringBuilder content = new StringBuilder();
                if (file.base() != null) {
                    Path base = Path.of(Templates.expandPath(file.base(), values, home));
                    if (Files.isRegularFile(base)) {
                        content.append(Files.readString(base));
                    }
                }
                if (file.content() != null) {
                    content.append(Templates.expand(file.content(), values));
                }
                Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(target, content);
            } catch (IOException | IllegalArgumentException e) {
                throw new SpawnException("cannot prepare " + file.path() + ": " + e.getMessage());
            }
        }
    }

    /** {@code dir} and its missing parents, each created readable by the daemon's user alone. */
    private static void createPrivateDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            createPrivateDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static void createPrivateDirectories(Path root, Path dir) throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root.getParent());
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createDirectories(dir);
    }
}
