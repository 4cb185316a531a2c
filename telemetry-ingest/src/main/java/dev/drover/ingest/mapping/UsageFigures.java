package dev.drover.ingest.mapping;

import dev.drover.ingest.mapping.UsageProfiles.Counted;
import dev.drover.profiles.AgentProfile.ModelPrice;
import dev.drover.profiles.TokenField;
import dev.drover.telemetry.v1.CostBasis;
import dev.drover.telemetry.v1.UsageDelta;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens and reported cost of one model in one interval (or one event), turned into a {@code UsageDelta} that
 * means the same for every agent: input without the cached tokens when the profile says the CLI counts them in
 * ({@code inputIncludesCache}); cost as the CLI reported it, else priced from the profile's table, else unpriced;
 * the model's context window from the profile when it lists one.
 */
final class UsageFigures {

    private static final int NANOS_PER_USD_SCALE = 9;
    private static final int TOKENS_PER_MILLION_SCALE = 6;

    private final Map<TokenField, BigDecimal> tokens = new EnumMap<>(TokenField.class);
    private BigDecimal reportedUsd = BigDecimal.ZERO;

    void addTokens(TokenField field, BigDecimal amount) {
        tokens.merge(field, amount, BigDecimal::add);
    }

    void addCost(BigDecimal usd) {
        reportedUsd = reportedUsd.add(usd);
    }

    /**
     * The delta for {@code model}, or empty when it counts nothing.
     *
     * @throws InvalidExportException when a figure passes a 64-bit count, or the input is smaller than the cached
     *                                tokens it is said to include
     */
    Optional<UsageDelta> toDelta(String model, String source, Counted counted) {
        try {
            return delta(model, source, counted);
        } catch (ArithmeticException e) {
            throw new InvalidExportException("the usage of model " + model
                    + " in one interval adds up to more than a 64-bit count");
        }
    }

    private Optional<UsageDelta> delta(String model, String source, Counted counted) {
        Map<TokenField, Long> counts = new EnumMap<>(TokenField.class);
        for (TokenField field : TokenField.values()) {
            counts.put(field, tokens.getOrDefault(field, BigDecimal.ZERO).setScale(0, RoundingMode.HALF_EVEN)
                    .longValueExact());
        }
        if (counted.usage().inputIncludesCache()) {
            long cached = Math.addExact(counts.get(TokenField.CACHE_READ), counts.get(TokenField.CACHE_CREATION));
            long input = counts.get(TokenField.INPUT);
            if (input < cached) {
                throw new InvalidExportException("model " + model + " reports " + input
                        + " input tokens, fewer than the " + cached + " cached tokens they include");
            }
            counts.put(TokenField.INPUT, input - cached);
        }
        CostBasis basis;
        BigDecimal usd;
        if (counted.usage().reportsCost()) {
            basis = CostBasis.COST_BASIS_REPORTED;
            usd = reportedUsd;
        } else {
            Optional<ModelPrice> price = counted.pricing().of(model);
            basis = price.isPresent() ? CostBasis.COST_BASIS_ESTIMATED : CostBasis.COST_BASIS_UNPRICED;
            usd = price.map(p -> priced(counts, p)).orElse(BigDecimal.ZERO);
        }
        long costNanoUsd = usd.movePointRight(NANOS_PER_USD_SCALE).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        if (counts.values().stream().allMatch(count -> count == 0) && costNanoUsd == 0) {
            return Optional.empty();
        }
        return Optional.of(UsageDelta.newBuilder()
                .setModel(model)
                .setInputTokens(counts.get(TokenField.INPUT))
                .setOutputTokens(counts.get(TokenField.OUTPUT))
                .setCacheReadTokens(counts.get(TokenField.CACHE_READ))
                .setCacheCreationTokens(counts.get(TokenField.CACHE_CREATION))
                .setCostNanoUsd(costNanoUsd)
                .setCostBasis(basis)
                .setContextWindowTokens(counted.context().windowOf(model).orElse(0L))
                .setSource(source)
                .build());
    }

    private static BigDecimal priced(Map<TokenField, Long> counts, ModelPrice price) {
        BigDecimal usd = BigDecimal.ZERO;
        for (TokenField field : TokenField.values()) {
            usd = usd.add(price.perMillion(field).multiply(BigDecimal.valueOf(counts.get(field))));
        }
        return usd.movePointLeft(TOKENS_PER_MILLION_SCALE);
    }
}
