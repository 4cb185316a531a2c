package dev.drover.ingest.otlp;

import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;

import java.util.List;

/** Sums of the usage deltas a session's events carry. */
record TelemetryTotals(long input, long output, long cacheRead, long cacheCreation, long costNanoUsd) {

    static TelemetryTotals of(List<TelemetryEvent> events) {
        List<UsageDelta> usage = events.stream().filter(TelemetryEvent::hasUsage).map(TelemetryEvent::getUsage).toList();
        return new TelemetryTotals(
                usage.stream().mapToLong(UsageDelta::getInputTokens).sum(),
                usage.stream().mapToLong(UsageDelta::getOutputTokens).sum(),
                usage.stream().mapToLong(UsageDelta::getCacheReadTokens).sum(),
                usage.stream().mapToLong(UsageDelta::getCacheCreationTokens).sum(),
                usage.stream().mapToLong(UsageDelta::getCostNanoUsd).sum());
    }
}
