package dev.drover.daemon.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drover.profiles.AgentProfile.McpLocation;
import dev.drover.profiles.ProfileCatalog;
import dev.drover.profiles.ProfileLoader;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.McpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP detection with the shipped profiles' sources over configuration files written as the CLIs
 * write them, in a temporary home and project.
 */
class McpDetectorTest {

    @TempDir
    Path home;

    @TempDir
    Path project;

    private static final ProfileCatalog SHIPPED = new ProfileLoader().loadShipped();

    private final McpDetector detector = new McpDetector();

    private static List<McpLocation> sources(String profile) {
        return SHIPPED.find(profile).orElseThrow().mcp();
    }

    private Map<String, String> env() {
        return Map.of("HOME", home.toString());
    }

    @Test
    void claudeCodeUserProjectAndLocalScopesWithLocalWinning() throws Exception {
        Files.writeString(home.resolve(".claude.json"), """
                {
                  "numStartups": 12,
                  "mcpServers": {
                    "github": {"type": "stdio", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                               "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_user_secret"}},
                    "linear": {"type": "sse", "url": "https://mcp.linear.app/sse"}
                  },
                  "projects": {
                    "%s": {
                      "allowedTools": [],
                      "mcpServers": {
                        "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/",
                                   "headers": {"Authorization": "Bearer ghp_local_secret"}}
                      }
                    },
                    "/somewhere/else": {"mcpServers": {"other": {"command": "other-server"}}}
                  }
                }
                """.formatted(project));
        Files.writeString(project.resolve(".mcp.json"), """
                {"mcpServers": {"postgres": {"command": "/usr/local/bin/pg-mcp",
                  "args": ["--dsn=postgres://app:hunter2@db:5432/app", "--api-key", "sk-live-1", "--read-only"]}}}
                """);

        List<McpServer> servers = detector.detect(sources("claude"), project, env());

        String claudeJson = home.resolve(".claude.json").toString();
        assertThat(servers).extracting(McpServer::name, McpServer::transport, McpServer::command, McpServer::args,
                McpServer::url, McpServer::source).containsExactly(
                        tuple("linear", "sse", null, List.of(), "https://mcp.linear.app/sse", claudeJson),
                        tuple("postgres", "stdio", "/usr/local/bin/pg-mcp",
                                List.of("--dsn=postgres://db:5432/app", "--api-key", "***", "--read-only"),
                                null, project.resolve(".mcp.json").toString()),
                        tuple("github", "http", null, List.of(), "https://api.githubcopilot.com/mcp/", claudeJson));
        assertThat(servers.toString()).doesNotContain("secret").doesNotContain("hunter2").doesNotContain("sk-live");
    }

    @Test
    void geminiCliUserAndProjectSettings() throws Exception {
        Files.createDirectories(home.resolve(".gemini"));
        Files.writeString(home.resolve(".gemini/settings.json"), """
                {
                  "theme": "GitHub",
                  "mcpServers": {
                    "docs": {"httpUrl": "https://docs.example.com/mcp?api_key=abc123", "headers": {"X-Api-Key": "abc123"}},
                    "events": {"url": "https://user:pw@events.example.com:8443/sse", "timeout": 5000},
                    "fs": {"command": "node", "args": ["fs-server.js", "TOKEN=t0ps3cret"], "env": {"ROOT": "/data"}, "trust": true}
                  }
                }
                """);
        Files.createDirectories(project.resolve(".gemini"));
        Files.writeString(project.resolve(".gemini/settings.json"), """
                {"mcpServers": {"fs": {"command": "python", "args": ["-m", "fs_server", "--root", "."], "cwd": "./tools"}}}
                """);

        List<McpServer> servers = detector.detect(sources("gemini"), project, env());

        assertThat(servers).extracting(McpServer::name, McpServer::transport, McpServer::command, McpServer::args, McpServer::url)
                .containsExactly(
                        tuple("docs", "http", null, List.of(), "https://docs.example.com/mcp"),
                        tuple("events", "sse", null, List.of(), "https://events.example.com:8443/sse"),
                        tuple("fs", "stdio", "python", List.of("-m", "fs_server", "--root", "."), null));
        assertThat(servers.get(2).source()).isEqualTo(project.resolve(".gemini/settings.json").toString());
        assertThat(servers.toString()).doesNotContain("abc123").doesNotContain("pw@").doesNotContain("/data");
    }

    @Test
    void codexConfigTomlFromCodexHomeOrTheDefault() throws Exception {
        String toml = """
                model = "o3"

                [mcp_servers.context7]
                command = "npx"
                args = ["-y", "@upstash/context7-mcp", "--token", "c7-secret"]

                [mcp_servers.context7.env]
                CONTEXT7_API_KEY = "c7-env-secret"

                [mcp_servers.figma]
                url = "https://mcp.figma.com/mcp"
                bearer_token_env_var = "FIGMA_TOKEN"
                http_headers = { "X-Figma-Region" = "us-east-1" }
                """;
        Path codexHome = Files.createDirectories(home.resolve("elsewhere/codex"));
        Files.writeString(codexHome.resolve("config.toml"), toml);
        Files.createDirectories(home.resolve(".codex"));
        Files.writeString(home.resolve(".codex/config.toml"), "[mcp_servers.default_only]\ncommand = \"x\"\n");

        List<McpServer> servers = detector.detect(sources("codex"), project,
                Map.of("HOME", home.toString(), "CODEX_HOME", codexHome.toString()));

        assertThat(servers).extracting(McpServer::name, McpServer::transport, McpServer::command, McpServer::args, McpServer::url)
                .containsExactly(
                        tuple("context7", "stdio", "npx", List.of("-y", "@upstash/context7-mcp", "--token", "***"), null),
                        tuple("figma", "http", null, List.of(), "https://mcp.figma.com/mcp"));
        assertThat(servers.toString()).doesNotContain("secret").doesNotContain("us-east-1");
        assertThat(detector.detect(sources("codex"), project, env()))
                .extracting(McpServer::name, McpServer::source)
                .containsExactly(tuple("default_only", home.resolve(".codex/config.toml").toString()));
    }

    @Test
    void malformedUnreadableAndOddFilesAreSkippedWithoutFailing() throws Exception {
        Files.writeString(home.resolve(".claude.json"), "{\"mcpServers\": {\"broken\": ");
        Files.writeString(project.resolve(".mcp.json"), """
                {"mcpServers": {"ok": {"command": "ok-server"}, "no-transport": {"args": ["x"]}, "not-an-object": 3,
                 "blank": {"command": "  "}}}
                """);
        Files.createDirectories(home.resolve(".gemini/settings.json"));
        Files.writeString(Files.createDirectories(project.resolve(".gemini")).resolve("settings.json"), "[1, 2]");
        Files.createDirectories(home.resolve(".codex"));
        Files.writeString(home.resolve(".codex/config.toml"), "[mcp_servers.x\ncommand = ");

        assertThat(detector.detect(sources("claude"), project, env()))
                .extracting(McpServer::name).containsExactly("ok");
        assertThat(detector.detect(sources("gemini"), project, env())).isEmpty();
        assertThat(detector.detect(sources("codex"), project, env())).isEmpty();
        assertThat(detector.detect(List.of(new McpLocation("{env:UNSET_FOR_DROVER}/x.json", "json", "/a"),
                new McpLocation("relative.json", "json", "/a"),
                new McpLocation("~/.claude.json", "json", "not a pointer")), project, env())).isEmpty();
    }

    @Test
    void aSpawnOfAnAgentReportsItsServersAndAProfileWithoutSourcesNothing() throws Exception {
        Files.writeString(project.resolve(".mcp.json"), "{\"mcpServers\": {\"fs\": {\"command\": \"fs-mcp\"}}}");
        UUID id = UUID.randomUUID();
        DaemonMessage.Spawn claude = new DaemonMessage.Spawn("r", id, List.of("claude", "--resume"), project.toString(),
                Map.of("HOME", home.toString()), 80, 24);
        DaemonMessage.McpServers found = detector.forSpawn(claude, sources("claude")).orElseThrow();
        assertThat(found.sessionId()).isEqualTo(id);
        assertThat(found.servers()).extracting(McpServer::name).containsExactly("fs");
        DaemonMessage.Spawn bash = new DaemonMessage.Spawn("r", id, List.of("bash"), null, Map.of(), 80, 24);
        assertThat(detector.forSpawn(bash, sources("bash"))).isEmpty();
    }

    @Test
    void pathTemplatesAndPointersExpandForTheSession() {
        Map<String, String> env = Map.of("HOME", "/home/ada", "XDG", "/xdg");
        Path project = Path.of("/work/a~b");
        assertThat(McpDetector.file("~/.claude.json", project, env)).contains(Path.of("/home/ada/.claude.json"));
        assertThat(McpDetector.file("{project}/.mcp.json", project, env)).contains(Path.of("/work/a~b/.mcp.json"));
        assertThat(McpDetector.file("{env:XDG}/c.json", project, env)).contains(Path.of("/xdg/c.json"));
        assertThat(McpDetector.file("{home}/.gemini/settings.json", project, env)).contains(Path.of("/home/ada/.gemini/settings.json"));
        assertThat(McpDetector.file("{cwd}/.mcp.json", project, env)).contains(Path.of("/work/a~b/.mcp.json"));
        assertThat(McpDetector.file("{env:CODEX_HOME:-~/.codex}/config.toml", project, env))
                .contains(Path.of("/home/ada/.codex/config.toml"));
        assertThat(McpDetector.file("{env:NOPE}/c.json", project, env)).isEmpty();
        assertThat(McpDetector.pointer("/projects/{project}/mcpServers", project)).isEqualTo("/projects/~1work~1a~0b/mcpServers");
    }

    @Test
    void secretLookingArgumentsAndUrlPartsAreMasked() {
        assertThat(McpDetector.maskArgs(List.of("--token", "abc", "--password=pw", "API_KEY=k", "Authorization: Bearer x",
                "--auth", "--verbose", "https://u:p@h.example/p?q=1", "plain", "-y")))
                .containsExactly("--token", "***", "--password=***", "API_KEY=***", "Authorization: ***",
                        "--auth", "--verbose", "https://h.example/p", "plain", "-y");
        assertThat(McpDetector.withoutSecrets("not a url ^")).isEqualTo("***");
    }
}
