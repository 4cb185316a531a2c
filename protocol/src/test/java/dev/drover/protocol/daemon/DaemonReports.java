package dev.drover.protocol.daemon;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every message a daemon sends the hub, as valid JSON, and each of them with one of its values (a
 * field at any depth, or an element of a list) replaced by {@code null}: what a daemon that forgets a
 * field, or a hostile one, sends. Shared by the protocol's properties and the hub's socket tests.
 */
public final class DaemonReports {

    private static final String SESSION = "\"0190a0b0-0000-7000-8000-000000000001\"";
    private static final String AT = "\"2026-12-07T01:02:03Z\"";

    private DaemonReports() {
    }

    /** One of {@link #withOneValueNulled()}. */
    public static Arbitrary<String> oneValueNulled() {
        return Arbitraries.of(withOneValueNulled());
    }

    /** Each message of {@link #valid()} once for each of its values, with that value {@code null}. */
    public static List<String> withOneValueNulled() {
        List<String> nulled = new ArrayList<>();
        for (Map<String, Object> message : messages()) {
            nullEach(message, value -> value, true, nulled);
        }
        return nulled;
    }

    /** Every message type a daemon sends, once, with every value set. */
    public static List<String> valid() {
        return messages().stream().map(DaemonReports::json).toList();
    }

    private static List<Map<String, Object>> messages() {
        Map<String, Object> worktree = object("repo", "\"/home/u/src/app\"", "path", "\"/home/u/.drover/wt/app-1\"",
                "branch", "\"drover/app-1\"", "base", "\"main\"", "sessionId", SESSION, "profileId", "\"claude\"",
                "head", "\"0123abcd\"", "dirty", "false", "merged", "true", "pushed", "false", "state", "\"ACTIVE\"");
        return List.of(
                object("type", "\"hello\"", "protocolVersion", "1", "daemonVersion", "\"0.1.0\"", "hostname", "\"box\"",
                        "os", "\"linux\"", "arch", "\"amd64\"", "sessions", List.of(object("sessionId", SESSION,
                                "state", "\"RUNNING\"", "logEnd", "10", "exitCode", "0"))),
                object("type", "\"spawned\"", "requestId", "\"r-1\"", "sessionId", SESSION, "pid", "42"),
                object("type", "\"spawn-failed\"", "requestId", "\"r-1\"", "sessionId", SESSION, "reason", "\"no such program\""),
                object("type", "\"session-exited\"", "sessionId", SESSION, "exitCode", "0", "logEnd", "10",
                        "agentSessionId", "\"agent-1\""),
                object("type", "\"input-written\"", "sessionId", SESSION, "bytes", "5"),
                object("type", "\"stream-ended\"", "streamId", "7", "end", "10", "reason", "\"SESSION_EXITED\"", "exitCode", "0"),
                object("type", "\"screen\"", "streamId", "7", "offset", "10", "cols", "80", "rows", "24", "data", "\"aGk=\""),
                object("type", "\"heartbeat\"", "health", object("cpuPercent", "12.5", "memoryTotalBytes", "16000000000",
                        "memoryAvailableBytes", "6000000000", "diskTotalBytes", "500000000000", "diskFreeBytes", "200000000000",
                        "load1", "0.5", "load5", "0.25", "load15", "0.125", "os", "\"Linux\"", "kernelVersion", "\"6.8.0\"",
                        "daemonVersion", "\"0.1.0\"", "tmuxVersion", "\"tmux 3.4\"", "gitVersion", "\"git 2.43\"",
                        "sessionIsolation", "\"unavailable\"", "sessionIsolationReason", "\"unshare failed\"")),
                object("type", "\"profiles\"", "profiles", List.of(object("id", "\"claude\"", "name", "\"Claude Code\"",
                                "description", "\"\"", "modes", List.of("\"new\"", "\"resume\""), "agentSessionId", "\"preassigned\"",
                                "userCommand", "false", "takesPrompt", "true", "installed", "true", "version", "\"1.2.3\"",
                                "path", "\"/usr/bin/claude\"", "problem", "\"none\"")),
                        "problems", List.of("\"x.yaml:1: bad\"")),
                object("type", "\"spawn-progress\"", "sessionId", SESSION, "step", "\"starting tmux\""),
                object("type", "\"agent-hook\"", "sessionId", SESSION, "event", "\"Notification\"", "detail", "\"needs you\"",
                        "at", AT),
                object("type", "\"projects\"", "requestId", "\"r-2\"", "scannedAt", AT, "roots", List.of("\"/home/u/src\""),
                        "projects", List.of(object("name", "\"app\"", "path", "\"/home/u/src/app\"", "branch", "\"main\"",
                                "head", "\"0123abcd\"", "dirty", "false", "remote", "\"git@example:app.git\"", "error", "\"none\"",
                                "worktrees", List.of(worktree)))),
                object("type", "\"worktree-discarded\"", "requestId", "\"r-3\"", "repo", "\"/home/u/src/app\"",
                        "path", "\"/home/u/.drover/wt/app-1\"", "branch", "\"drover/app-1\""),
                object("type", "\"request-failed\"", "requestId", "\"r-4\"", "reason", "\"no such worktree\""),
                object("type", "\"decided\"", "requestId", "\"r-5\"", "sessionId", SESSION, "via", "\"hook\"",
                        "detail", "\"make deploy\""),
                object("type", "\"worktree-created\"", "worktree", worktree),
                object("type", "\"worktree-released\"", "sessionId", SESSION, "worktree", worktree, "removed", "false",
                        "reason", "\"dirty\""),
                object("type", "\"shell-state\"", "sessionId", SESSION, "cwd", "\"/home/u\"", "lastCommand", "\"ls\"",
                        "lastExitCode", "0", "commandRunning", "false"),
                object("type", "\"mcp-servers\"", "sessionId", SESSION, "servers", List.of(object("name", "\"files\"",
                        "transport", "\"stdio\"", "command", "\"mcp-files\"", "args", List.of("\"--root\""),
                        "url", "\"http://localhost:1\"", "source", "\"~/.claude.json\""))),
                object("type", "\"activity\"", "sessionId", SESSION, "state", "\"needs-answer\"", "since", AT,
                        "cause", "\"hook PreToolUse AskUserQuestion\"", "detail", "\"Which database?\""),
                object("type", "\"prompted\"", "requestId", "\"r1\"", "sessionId", SESSION, "typed", "true",
                        "state", "\"idle\"", "at", AT),
                object("type", "\"screen-text\"", "requestId", "\"r2\"", "sessionId", SESSION, "cols", "80", "rows", "2",
                        "lines", List.of("\"$ ls\"", "\"$\""), "offset", "10"));
    }

    /**
     * Adds to {@code out} the whole message once for every value within {@code node}, with that value {@code null};
     * {@code root} puts a changed {@code node} back into the message. The message's own type is kept.
     */
    private static void nullEach(Object node, UnaryOperator<Object> root, boolean message, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (message && key.equals("type")) {
                    continue;
                }
                UnaryOperator<Object> withValue = value -> root.apply(replaced(map, key, value));
                out.add(json(withValue.apply("null")));
                nullEach(map.get(key), withValue, false, out);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                int index = i;
                UnaryOperator<Object> withElement = value -> root.apply(replaced(list, index, value));
                out.add(json(withElement.apply("null")));
                nullEach(list.get(i), withElement, false, out);
            }
        }
    }

    private static Map<String, Object> replaced(Map<?, ?> map, Object key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put((String) k, k.equals(key) ? value : v));
        return copy;
    }

    private static List<Object> replaced(List<?> list, int index, Object value) {
        List<Object> copy = new ArrayList<>(list);
        copy.set(index, value);
        return copy;
    }

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The tree as JSON: strings are JSON text already, maps objects, lists arrays. */
    private static String json(Object node) {
        if (node instanceof Map<?, ?> map) {
            List<String> fields = new ArrayList<>();
            map.forEach((key, value) -> fields.add(HostileMessages.quote((String) key) + ":" + json(value)));
            return "{" + String.join(",", fields) + "}";
        }
        if (node instanceof List<?> list) {
            return "[" + String.join(",", list.stream().map(DaemonReports::json).toList()) + "]";
        }
        return (String) node;
    }
}
