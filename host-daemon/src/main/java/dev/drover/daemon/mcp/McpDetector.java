package dev.drover.daemon.mcp;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.drover.profiles.AgentProfile.McpLocation;
import dev.drover.daemon.config.UserHome;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.McpServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Finds the MCP servers configured for a session's agent in the agent's own configuration files,
 * the {@code mcp} sources of its profile: a file and the JSON pointer of the object whose members
 * are the servers (name → definition). A source path may start with {@code ~} (the session's home)
 * and may hold {@code {project}} or {@code {cwd}} (the session's working directory), {@code {home}},
 * and {@code {env:NAME}} or {@code {env:NAME:-fallback}} (the session's environment; a source whose
 * variable is unset and has no fallback is skipped); a pointer may hold {@code {project}}, inserted
 * as one escaped pointer token. Sources are listed lowest precedence first: a server of a later
 * source replaces one of the same name.
 *
 * <p>Reports what a server is, never its secrets: no environment variables, no headers, URLs
 * without user info or query, and the values of secret-looking arguments masked. A file that is
 * missing, unreadable, malformed or larger than {@link #MAX_FILE_BYTES} is skipped (logged at debug
 * level); detection never fails. Reads files: call it off the event loop.
 */
@ApplicationScoped
public class McpDetector {

    private static final Logger LOG = Logger.getLogger(McpDetector.class);
    /** Larger configuration files are skipped ({@code ~/.claude.json} keeps history and grows). */
    static final long MAX_FILE_BYTES = 32L << 20;
    /** At most this many servers are reported per session. */
    static final int MAX_SERVERS = 100;
    /** At most this many arguments are reported per server. */
    static final int MAX_ARGS = 64;
    static final String MASK = "***";
    private static final Pattern ENV = Pattern.compile("\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final String TOML = "toml";
    private static final String PROJECT = "{project}";
    private static final String CWD = "{cwd}";
    private static final String HOME = "{home}";
    private static final Pattern SECRET = Pattern.compile(
            "token|secret|passw|key|auth|credential|bearer|cookie", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER = Pattern.compile("([A-Za-z0-9_-]+)\\s*:\\s*(.*)", Pattern.DOTALL);

    private final ObjectMapper json = new ObjectMapper();
    private final TomlMapper toml = new TomlMapper();

    /**
     * The MCP servers {@code sources} declare for the session {@code spawn} starts (in its working
     * directory, default the home, with the daemon's environment plus the spawn's), or nothing when
     * there are no sources.
     */
    public Optional<DaemonMessage.McpServers> forSpawn(DaemonMessage.Spawn spawn, List<McpLocation> sources) {
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (spawn.env() != null) {
            env.putAll(spawn.env());
        }
        Path project = spawn.cwd() == null || spawn.cwd().isBlank() ? UserHome.of(env) : Path.of(spawn.cwd());
        return Optional.of(new DaemonMessage.McpServers(spawn.sessionId(), detect(sources, project, env)));
    }

    /**
     * The servers {@code sources} declare for a session working in {@code project} with environment
     * {@code env} ({@code HOME} is the home {@code ~} stands for).
     */
    public List<McpServer> detect(List<McpLocation> sources, Path project, Map<String, String> env) {
        Map<String, McpServer> servers = new LinkedHashMap<>();
        for (McpLocation source : sources) {
            Optional<Path> file = file(source.path(), project, env);
            if (file.isEmpty()) {
                LOG.debugf("MCP source %s: no such file for this session", source.path());
                continue;
            }
            servers(source, file.get(), project).forEach(server -> {
                servers.remove(server.name());
                if (servers.size() < MAX_SERVERS) {
                    servers.put(server.name(), server);
                }
            });
        }
        return List.copyOf(servers.values());
    }

    private List<McpServer> servers(McpLocation source, Path file, Path project) {
        JsonNode servers;
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                LOG.debugf("MCP source %s skipped: larger than %d bytes", file, MAX_FILE_BYTES);
                return List.of();
            }
            JsonNode root = (TOML.equals(source.format()) ? toml : json).readTree(file.toFile());
            servers = root == null ? null : root.at(JsonPointer.compile(pointer(source.pointer(), project)));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("MCP source %s skipped: %s", file, e.getMessage());
            return List.of();
        }
        if (servers == null || !servers.isObject()) {
            return List.of();
        }
        List<McpServer> found = new ArrayList<>();
        servers.properties().forEach(entry -> server(entry.getKey(), entry.getValue(), file.toString())
                .ifPresent(found::add));
        return found;
    }

    /**
     * One server definition: {@code command} (+ {@code args}) is stdio; otherwise {@code httpUrl}
     * (Gemini) is http, and {@code url} is what {@code type} or {@code transport} says, else sse when
     * its path ends in {@code /sse}, else http.
     */
    private static Optional<McpServer> server(String name, JsonNode definition, String source) {
        if (!definition.isObject()) {
            return Optional.empty();
        }
        String command = text(definition, "command");
        if (command != null) {
            return Optional.of(new McpServer(name, McpServer.STDIO, command, maskArgs(args(definition)), null, source));
        }
        String httpUrl = text(definition, "httpUrl");
        String url = httpUrl != null ? httpUrl : text(definition, "url");
        if (url == null) {
            return Optional.empty();
        }
        String declared = Optional.ofNullable(text(definition, "type")).orElse(text(definition, "transport"));
        String transport = httpUrl != null ? McpServer.HTTP
                : declared != null ? (declared.toLowerCase(Locale.ROOT).contains("sse") ? McpServer.SSE : McpServer.HTTP)
                        : (url.split("[?#]", 2)[0].endsWith("/sse") ? McpServer.SSE : McpServer.HTTP);
        return Optional.of(new McpServer(name, transport, null, List.of(), withoutSecrets(url), source));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static List<String> args(JsonNode definition) {
        JsonNode args = definition.get("args");
        List<String> list = new ArrayList<>();
        if (args != null && args.isArray()) {
            for (JsonNode arg : args) {
                if (list.size() < MAX_ARGS && arg.isValueNode()) {
                    list.add(arg.asText());
                }
            }
        }
        return list;
    }

    /**
     * Masks the values of arguments that look like credentials: {@code --api-key=v}, {@code --token v},
     * {@code API_KEY=v}, {@code Authorization: Bearer v}; URLs lose their user info and query.
     */
    static List<String> maskArgs(List<String> args) {
        List<String> masked = new ArrayList<>(args.size());
        boolean maskNext = false;
        for (String arg : args) {
            boolean valueOfSecret = maskNext && !arg.startsWith("-");
            maskNext = false;
            int equals = arg.indexOf('=');
            int url = arg.indexOf("://");
            Matcher header = HEADER.matcher(arg);
            if (valueOfSecret) {
                masked.add(MASK);
            } else if (url >= 0 && (equals < 0 || url < equals)) {
                masked.add(withoutSecrets(arg));
            } else if (equals > 0) {
                String key = arg.substring(0, equals);
                String value = arg.substring(equals + 1);
                masked.add(key + "=" + (SECRET.matcher(key).find() ? MASK : url >= 0 ? withoutSecrets(value) : value));
            } else if (arg.startsWith("-")) {
                masked.add(arg);
                maskNext = SECRET.matcher(arg).find();
            } else if (header.matches() && SECRET.matcher(header.group(1)).find()) {
                masked.add(header.group(1) + ": " + MASK);
            } else {
                masked.add(arg);
            }
        }
        return masked;
    }

    /** A URL without user info, query and fragment; {@link #MASK} when it does not parse. */
    static String withoutSecrets(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return uri.getRawUserInfo() == null && uri.getRawQuery() == null ? url : MASK;
            }
            if (uri.getHost() == null) {
                return MASK;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return MASK;
        }
    }

    /** The file a source's path template names for this session, when every variable in it is set. */
    static Optional<Path> file(String template, Path project, Map<String, String> env) {
        Matcher matcher = ENV.matcher(template);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = env.get(matcher.group(1));
            if (value == null || value.isEmpty()) {
                value = matcher.group(2);
            }
            if (value == null) {
                return Optional.empty();
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        String path = expanded.toString()
                .replace(PROJECT, project.toString())
                .replace(CWD, project.toString())
                .replace(HOME, UserHome.of(env).toString());
        if (path.equals("~") || path.startsWith("~/")) {
            path = UserHome.of(env) + path.substring(1);
        }
        Path file = Path.of(path);
        return file.isAbsolute() ? Optional.of(file.normalize()) : Optional.empty();
    }

    /** The pointer with {@code {project}} inserted as one escaped token. */
    static String pointer(String template, Path project) {
        return template.replace(PROJECT, project.toString().replace("~", "~0").replace("/", "~1"));
    }

}
