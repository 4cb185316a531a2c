package dev.drover.ingest.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usage metrics of every supported agent CLI, in one place.
 * <ul>
 * <li>Claude Code: {@code claude_code.token.usage} (delta; {@code type} input/output/cacheRead/cacheCreation)
 * and {@code claude_code.cost.usage} (USD).</li>
 * <li>Gemini CLI: {@code gemini_cli.token.usage} (cumulative; {@code type} input/output/cache/thought/tool).
 * Thought tokens are billed as output and tool-use prompt tokens as input, so they add to those fields.</li>
 * <li>Codex: {@code codex.turn.token_usage} (delta histogram; {@code token_type}). {@code reasoning_output}
 * is already part of {@code output} and {@code total} is the sum of the others, so both are ignored.</li>
 * </ul>
 * Whether a series is delta or cumulative is read from each metric's aggregation temporality, not assumed.
 */
public final class AgentTelemetryProfiles {

    /** The built-in profiles. */
    public static final List<AgentTelemetryProfile> BUILT_IN = List.of(
            new AgentTelemetryProfile(
                    "claude-code",
                    "claude_code.token.usage",
                    "type",
                    Map.of("input", TokenKind.INPUT,
                            "output", TokenKind.OUTPUT,
                            "cacheRead", TokenKind.CACHE_READ,
                            "cacheCreation", TokenKind.CACHE_CREATION),
                    Optional.of("claude_code.cost.usage"),
                    "model"),
            new AgentTelemetryProfile(
                    "gemini-cli",
                    "gemini_cli.token.usage",
                    "type",
                    Map.of("input", TokenKind.INPUT,
                            "output", TokenKind.OUTPUT,
                            "cache", TokenKind.CACHE_READ,
                            "thought", TokenKind.OUTPUT,
                            "tool", TokenKind.INPUT),
                    Optional.empty(),
                    "model"),
            new AgentTelemetryProfile(
                    "codex",
                    "codex.turn.token_usage",
                    "token_type",
                    Map.of("input", TokenKind.INPUT,
                            "output", TokenKind.OUTPUT,
                            "cached_input", TokenKind.CACHE_READ,
                            "cache_write_input", TokenKind.CACHE_CREATION),
                    Optional.empty(),
                    "model"));

    private static final Map<String, AgentTelemetryProfile> BY_METRIC = new HashMap<>();

    static {
        for (AgentTelemetryProfile profile : BUILT_IN) {
            BY_METRIC.put(profile.tokenMetric(), profile);
            profile.costMetric().ifPresent(cost -> BY_METRIC.put(cost, profile));
        }
    }

    private AgentTelemetryProfiles() {
    }

    /** The profile whose token or cost metric has this name. */
    public static Optional<AgentTelemetryProfile> forMetric(String metricName) {
        return Optional.ofNullable(BY_METRIC.get(metricName));
    }
}
