package dev.drover.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.profiles.AgentProfile.ModelPrice;
import dev.drover.profiles.AgentProfile.Pricing;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingTest {

    private final ProfileCatalog shipped = new ProfileLoader().loadShipped();

    @TempDir
    Path overrides;

    @Test
    void theModelsGeminiAndCodexReportedToTheMockArePriced() {
        Pricing gemini = shipped.find("gemini").orElseThrow().pricing();
        Pricing codex = shipped.find("codex").orElseThrow().pricing();

        assertThat(gemini.of("gemini-3.8-flash")).isPresent();
        assertThat(gemini.of("gemini-3.5-flash-lite").orElseThrow().perMillion(TokenField.INPUT))
                .isEqualByComparingTo("0.10");
        assertThat(codex.of("gpt-5.5").orElseThrow().perMillion(TokenField.CACHE_READ)).isEqualByComparingTo("0.125");
    }

    @Test
    void aReportedNameMatchesWithAVersionSuffixOrAnAlias() {
        ModelPrice price = new ModelPrice(BigDecimal.ONE, BigDecimal.TEN, null, null, List.of("m-large"));
        Pricing pricing = new Pricing(Map.of("m-1", price));

        assertThat(pricing.of("m-1")).contains(price);
        assertThat(pricing.of("m-large")).contains(price);
        assertThat(pricing.of("m-1-20250929")).contains(price);
        assertThat(pricing.of("m-1-2025-09-29")).contains(price);
        assertThat(pricing.of("m-1-001")).contains(price);
        assertThat(pricing.of("m-1-latest")).contains(price);
        assertThat(pricing.of("m-1-mini")).isEmpty();
        assertThat(pricing.of("m-2")).isEmpty();
        assertThat(price.perMillion(TokenField.CACHE_CREATION)).isZero();
    }

    @Test
    void anOverrideAddsOrChangesOneModelAndKeepsTheOthers() throws Exception {
        Files.writeString(overrides.resolve("codex.yaml"), """
                id: codex
                pricing:
                  models:
                    gpt-5.5: {input: 2.5, output: 20}
                    my-model: {input: 0.5, output: 1, aliases: [my-model-fast]}
                """);
        ProfileCatalog catalog = new ProfileLoader().load(Optional.of(overrides));
        Pricing codex = catalog.find("codex").orElseThrow().pricing();

        assertThat(catalog.problems()).isEmpty();
        assertThat(codex.of("gpt-5.5").orElseThrow().perMillion(TokenField.OUTPUT)).isEqualByComparingTo("20");
        assertThat(codex.of("my-model-fast")).isPresent();
        assertThat(codex.of("gpt-5-mini")).isPresent();
    }
}
