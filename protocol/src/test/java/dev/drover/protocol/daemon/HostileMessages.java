package dev.drover.protocol.daemon;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * Generators of hostile input for the hub-daemon socket, shared (as this module's test jar) by the
 * protocol's properties and by the hub's and the daemon's socket tests: text that is almost a
 * message, and binary frames around the header sizes.
 */
public final class HostileMessages {

    private HostileMessages() {
    }

    /**
     * Hostile text: random characters, and JSON objects that name a real message type with fields of
     * the right names holding values of any JSON type (nulls, huge numbers, nested arrays, objects).
     */
    public static Arbitrary<String> texts() {
        return Arbitraries.oneOf(strings(60), messageShapedJson(), messageShapedJson().flatMap(HostileMessages::mutated));
    }

    /** JSON objects naming a message type (or none that exists) with fields of real names and values of any JSON type. */
    public static Arbitrary<String> messageShapedJson() {
        Arbitrary<String> types = Arbitraries.of("hello", "welcome", "spawn", "spawned", "spawn-failed", "resize", "stop",
                "session-exited", "open-stream", "credit", "close-stream", "stream-ended", "screen", "heartbeat", "profiles",
                "spawn-progress", "agent-hook", "list-projects", "projects", "discard-worktree", "worktree-discarded",
                "request-failed", "worktree-created", "worktree-released", "shell-state", "mcp-servers", "activity", "prompt", "prompted",
                "read-screen", "screen-text", "no-such-type");
        Arbitrary<String> names = Arbitraries.of("requestId", "sessionId", "streamId", "from", "window", "screen", "bytes",
                "offset", "cols", "rows", "data", "health", "profiles", "problems", "sessions", "protocolVersion", "hostname",
                "command", "cwd", "env", "reason", "exitCode", "logEnd", "end", "worktree", "servers", "at", "scannedAt",
                "roots", "projects", "state", "lastExitCode", "commandRunning", "removed", "path", "branch", "repo", "pid", "since",
                "cause", "detail", "text", "typed", "lines");
        Arbitrary<String> fields = Combinators.combine(names, jsonValues(3))
                .as((name, value) -> quote(name) + ":" + value)
                .list().ofMaxSize(6)
                .map(list -> String.join(",", list));
        return Combinators.combine(types, fields)
                .as((type, rest) -> "{\"type\":" + quote(type) + (rest.isEmpty() ? "" : "," + rest) + "}");
    }

    /** Any JSON value up to {@code depth} levels of arrays and objects. */
    public static Arbitrary<String> jsonValues(int depth) {
        Arbitrary<String> leaves = Arbitraries.oneOf(List.of(
                Arbitraries.just("null"), Arbitraries.of("true", "false"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("9223372036854775808", "-9223372036854775809", "1e308", "1e309", "-0.0", "3.5", "1E-400",
                        "18446744073709551616"),
                Arbitraries.oneOf(strings(20), Arbitraries.of("00000000-0000-0000-0000-000000000000",
                        "0190a0b0-0000-7000-8000-000000000001", "not-a-uuid", "2026-12-07T01:02:03Z", "SESSION_EXITED",
                        "running", "")).map(HostileMessages::quote)));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<String> arrays = jsonValues(depth - 1).list().ofMaxSize(3).map(values -> "[" + String.join(",", values) + "]");
        Arbitrary<String> objects = Combinators.combine(strings(8), jsonValues(depth - 1))
                .as((key, value) -> quote(key) + ":" + value)
                .list().ofMaxSize(3).map(values -> "{" + String.join(",", values) + "}");
        return Arbitraries.frequencyOf(
                Tuple.of(6, leaves), Tuple.of(1, arrays), Tuple.of(1, objects));
    }

    /** {@code json} with one character deleted, duplicated or replaced, or cut short. */
    public static Arbitrary<String> mutated(String json) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, json.length() - 1);
        return Arbitraries.oneOf(List.of(
                at.map(i -> json.substring(0, i) + json.substring(i + 1)),
                at.map(i -> json.substring(0, i) + json.charAt(i) + json.substring(i)),
                Combinators.combine(at, Arbitraries.of('"', '{', '}', '[', ']', ':', ',', '\\', '0', '\u0000'))
                        .as((i, c) -> json.substring(0, i) + c + json.substring(i + 1)),
                at.map(i -> json.substring(0, i))));
    }

    /** Strings of any characters but lone surrogates (a text frame is UTF-8), up to {@code length}. */
    public static Arbitrary<String> strings(int length) {
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(length);
    }

    /** {@code value} as a JSON string (quotes, backslashes and control characters escaped). */
    public static String quote(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Random bytes, mostly around the header sizes, often starting with a valid kind. */
    public static Arbitrary<byte[]> frames() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> withKind = Combinators.combine(Arbitraries.of(StreamFrames.DATA, StreamFrames.INPUT, (byte) 0, (byte) -1),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as((kind, rest) -> {
                    byte[] frame = new byte[rest.length + 1];
                    frame[0] = kind;
                    System.arraycopy(rest, 0, frame, 1, rest.length);
                    return frame;
                });
        return Arbitraries.oneOf(random, withKind);
    }
}
