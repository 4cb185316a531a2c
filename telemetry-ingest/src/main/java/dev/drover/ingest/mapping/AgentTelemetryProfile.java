package dev.drover.ingest.mapping;

import java.util.Map;
import java.util.Optional;

/**
 * How one agent CLI reports usage over OTLP metrics.
 *
 * @param agent          the CLI, for logs
 * @param tokenMetric    the token counter (sum or histogram, delta or cumulative)
 * @param typeAttribute  the data point attribute naming the kind of tokens
 * @param tokenKinds     which {@link TokenKind} each value of {@code typeAttribute} adds to; other values are ignored
 * @param costMetric     the metric carrying cost in USD, when the CLI reports cost itself
 * @param modelAttribute the data point attribute naming the model
 */
public record AgentTelemetryProfile(
        String agent,
        String tokenMetric,
        String typeAttribute,
        Map<String, TokenKind> tokenKinds,
        Optional<String> costMetric,
        String modelAttribute) {
}
