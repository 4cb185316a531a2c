package dev.drover.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.profiles.AgentProfile.Context;
import dev.drover.profiles.AgentProfile.ModelContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextWindowTest {

    private final ProfileCatalog shipped = new ProfileLoader().loadShipped();

    @TempDir
    Path overrides;

    @Test
    void theModelsTheCliesReportedToTheMockHaveAWindow() {
        assertThat(shipped.find("claude").orElseThrow().context().windowOf("claude-opus-5-5")).contains(200_000L);
        assertThat(shipped.find("claude").orElseThrow().context().windowOf("claude-haiku-5-5-20261001"))
                .contains(200_000L);
        assertThat(shipped.find("gemini").orElseThrow().context().windowOf("gemini-3.8-flash")).contains(1_048_576L);
        assertThat(shipped.find("codex").orElseThrow().context().windowOf("gpt-5.5")).contains(272_000L);
        assertThat(shipped.find("bash").orElseThrow().context().windowOf("gpt-5.5")).isEmpty();
    }

    @Test
    void aReportedNameMatchesLikePricesDo() {
        Context context = new Context(Map.of("m-1", new ModelContext(1000, List.of("m-large"))));

        assertThat(context.windowOf("m-1")).contains(1000L);
        assertThat(context.windowOf("m-large")).contains(1000L);
        assertThat(context.windowOf("m-1-2025-09-29")).contains(1000L);
        assertThat(context.windowOf("m-1-latest")).contains(1000L);
        assertThat(context.windowOf("m-1-mini")).isEmpty();
    }

    @Test
    void anOverrideAddsOrChangesOneModelAndKeepsTheOthers() throws Exception {
        Files.writeString(overrides.resolve("claude.yaml"), """
                id: claude
                context:
                  models:
                    claude-opus-5-5: {window: 1000000, aliases: ['claude-opus-5-5[1m]']}
                    my-proxy-model: {window: 32768}
                """);
        ProfileCatalog catalog = new ProfileLoader().load(Optional.of(overrides));
        Context claude = catalog.find("claude").orElseThrow().context();

        assertThat(catalog.problems()).isEmpty();
        assertThat(claude.windowOf("claude-opus-5-5[1m]")).contains(1_000_000L);
        assertThat(claude.windowOf("my-proxy-model")).contains(32_768L);
        assertThat(claude.windowOf("claude-sonnet-5-5")).contains(200_000L);
    }

    @Test
    void aWindowThatIsNoPositiveNumberIsRefusedWithItsLine() throws Exception {
        Files.writeString(overrides.resolve("claude.yaml"), """
                id: claude
                context:
                  models:
                    claude-opus-5-5: {window: 0}
                """);
        ProfileCatalog catalog = new ProfileLoader().load(Optional.of(overrides));

        assertThat(catalog.problems()).singleElement().asString().contains("claude.yaml:4");
        assertThat(catalog.find("claude").orElseThrow().context().windowOf("claude-opus-5-5")).contains(200_000L);
    }
}
