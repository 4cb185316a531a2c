package dev.drover.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real Claude Code made ready for a test's stack: its HOME past onboarding with the project
 * trusted, and a daemon profile override that runs the pinned binary against the test's mock
 * Messages API. The override replaces the shipped profile's commands and merges its env.
 */
final class RealClaude {

    static final String VERSION = "2.1.329";
    static final String API_KEY = "test-key-0123456789abcdef";

    private RealClaude() {
    }

    /**
     * Prepares {@code home} and the profile override, then waits until the host offers Claude.
     * {@code extraYaml} (top-level keys, e.g. a {@code stop:} sequence) is appended to the override.
     */
    static void install(SystemUnderTest system, String hostId, Path home, Path project, MockAnthropicApi model,
                        String extraYaml) throws IOException {
        Path claude = RealClis.binary("claude");
        Files.writeString(home.resolve(".claude.json"), """
                {"hasCompletedOnboarding": true, "lastOnboardingVersion": "%s", "lastReleaseNotesSeen": "%s",
                 "theme": "dark", "customApiKeyResponses": {"approved": ["%s"], "rejected": []},
                 "hasSeenAutoDefaultNudge": true, "officialMarketplaceAutoInstallAttempted": true,
                 "projects": {"%s": {"hasTrustDialogAccepted": true, "hasCompletedProjectOnboarding": true}}}
                """.formatted(VERSION, VERSION, API_KEY.substring(API_KEY.length() - 20), project));
        Path overrides = Files.createDirectories(system.state.resolve("daemon-profiles"));
        Files.writeString(overrides.resolve("claude.yaml"), """
                id: claude
                binary:
                  command: %1$s
                commands:
                  new: [%1$s, --session-id, '{agentSessionId}']
                  resume: [%1$s, --resume, '{agentSessionId}']
                  continue: [%1$s, --continue]
                env:
                  HOME: %2$s
                  ANTHROPIC_BASE_URL: http://127.0.0.1:%3$d
                  ANTHROPIC_API_KEY: %4$s
                  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1"
                  DISABLE_ERROR_REPORTING: "1"
                  CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: "1"
                """.formatted(claude, home, model.port(), API_KEY) + extraYaml);
        RealClis.awaitOffered(system, hostId, "claude", VERSION, Duration.ofSeconds(30));
    }
}
