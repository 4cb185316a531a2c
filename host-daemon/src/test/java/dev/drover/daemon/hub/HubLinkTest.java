package dev.drover.daemon.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.project.Worktrees;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.ProjectInfo;
import dev.drover.protocol.daemon.WorktreeInfo;
import dev.drover.protocol.daemon.WorktreeState;
import dev.drover.protocol.daemon.McpServer;
import dev.drover.protocol.daemon.SessionRunState;
import dev.drover.protocol.daemon.StreamEndReason;
import dev.drover.protocol.daemon.StreamFrames;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@QuarkusTestResource(value = FakeHubResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubLinkTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final UUID BASH = UUID.randomUUID();
    private static final UUID BULK = UUID.randomUUID();
    private static final UUID SHELL = UUID.randomUUID();

    @Inject
    ObjectMapper json;

    @Inject
    RecordingProcessExit exit;

    @Inject
    HubLink link;

    @Inject
    Worktrees worktrees;

    @Inject
    DaemonConfig config;

    @Test
    @Order(1)
    void theDaemonSaysHelloWithItsIdentityAndIsWelcomed() throws Exception {
        DaemonMessage.Hello hello = awaitMessage(DaemonMessage.Hello.class, h -> true);
        assertThat(hello.protocolVersion()).isEqualTo(1);
        assertThat(hello.hostname()).isNotBlank();
        assertThat(hello.os()).isEqualTo(System.getProperty("os.name"));
        assertThat(hello.arch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(hello.sessions()).isEmpty();
        Eventually.await(TIMEOUT, link::connected);
    }

    @Test
    @Order(1)
    void afterTheWelcomeTheDaemonSendsHeartbeatsWithTheHostsHealth() throws Exception {
        Eventually.await(TIMEOUT, () -> count(DaemonMessage.Heartbeat.class) >= 3);
        DaemonMessage.Heartbeat heartbeat = awaitMessage(DaemonMessage.Heartbeat.class, h -> h.health().cpuPercent() != null);
        assertThat(heartbeat.health().cpuPercent()).isBetween(0.0, 100.0);
        assertThat(heartbeat.health().memoryTotalBytes()).isPositive();
        assertThat(heartbeat.health().diskFreeBytes()).isPositive();
        assertThat(heartbeat.health().os()).isEqualTo(System.getProperty("os.name"));
        assertThat(heartbeat.health().kernelVersion()).isEqualTo(System.getProperty("os.version"));
        assertThat(heartbeat.health().gitVersion()).startsWith("git version ");
        int before = count(DaemonMessage.Heartbeat.class);
        Thread.sleep(1_000);
        assertThat(count(DaemonMessage.Heartbeat.class) - before).as("heartbeats in 1 s at 200 ms").isBetween(3, 7);
    }

    @Test
    @Order(1)
    void afterTheWelcomeTheDaemonOffersItsProfilesWithTheClisInstalledHere() throws Exception {
        DaemonMessage.Profiles offer = awaitMessage(DaemonMessage.Profiles.class, p -> true);
        assertThat(offer.problems()).isEmpty();
        assertThat(offer.profiles()).extracting(dev.drover.protocol.daemon.ProfileInfo::id)
                .containsExactly("aider", "bash", "claude", "codex", "command", "gemini", "opencode");
        assertThat(offer.profiles()).filteredOn(p -> p.id().equals("bash")).singleElement()
                .satisfies(bash -> assertThat(bash.installed()).isTrue());
    }

    @Test
    @Order(2)
    void aSpawnedShellStreamsItsOutputEchoesInputAndReportsItsExit() throws Exception {
        send(new DaemonMessage.Spawn("req-1", BASH, List.of("bash", "--norc", "--noprofile"), null, Map.of("PS1", "$ "), 100, 30));
        DaemonMessage.Spawned spawned = awaitMessage(DaemonMessage.Spawned.class, s -> s.sessionId().equals(BASH));
        assertThat(spawned.requestId()).isEqualTo("req-1");
        assertThat(spawned.pid()).isPositive();

        send(new DaemonMessage.OpenStream(1, BASH, 0, 1 << 20, false));
        String marker = "drover-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        FakeHub.connection.sendBinaryAndAwait(StreamFrames.input(BASH, ("echo " + marker + "\n").getBytes(StandardCharsets.UTF_8)));
        Eventually.await(TIMEOUT, () -> streamText(1).contains(marker + "\r\n"));

        send(new DaemonMessage.OpenStream(8, BASH, 0, 1 << 20, true));
        DaemonMessage.Screen screen = awaitMessage(DaemonMessage.Screen.class, e -> e.streamId() == 8);
        assertThat(screen.logStart()).as("the oldest byte the log holds").isZero();
        assertThat(screen.screenAt()).isPositive()
                .isLessThan(java.util.Base64.getDecoder().decode(screen.data()).length);

        FakeHub.connection.sendBinaryAndAwait(StreamFrames.input(BASH, "exit 7\n".getBytes(StandardCharsets.UTF_8)));
        DaemonMessage.SessionExited exited = awaitMessage(DaemonMessage.SessionExited.class, e -> e.sessionId().equals(BASH));
        assertThat(exited.exitCode()).isEqualTo(7);
        DaemonMessage.StreamEnded ended = awaitMessage(DaemonMessage.StreamEnded.class, e -> e.streamId() == 1);
        assertThat(ended.reason()).isEqualTo(StreamEndReason.SESSION_EXITED);
        assertThat(ended.exitCode()).isEqualTo(7);
        assertThat(ended.end()).isEqualTo(exited.logEnd());
        assertThat(streamBytes(1)).hasSize((int) exited.logEnd());
    }

    @Test
    @Order(3)
    void aReplayFromAnOffsetContinuesExactlyThereAndOtherStartsAreAnswered() throws Exception {
        long logEnd = awaitMessage(DaemonMessage.SessionExited.class, e -> e.sessionId().equals(BASH)).logEnd();
        byte[] whole = streamBytes(1);

        send(new DaemonMessage.OpenStream(2, BASH, 5, 1 << 20, false));
        awaitMessage(DaemonMessage.StreamEnded.class, e -> e.streamId() == 2);
        assertThat(frames(2).getFirst().offset()).isEqualTo(5);
        assertThat(streamBytes(2)).isEqualTo(java.util.Arrays.copyOfRange(whole, 5, whole.length));

        send(new DaemonMessage.OpenStream(3, BASH, logEnd + 1, 1024, false));
        send(new DaemonMessage.OpenStream(4, UUID.randomUUID(), 0, 1024, false));
        send(new DaemonMessage.OpenStream(5, BASH, -1, 1024, false));
        assertThat(awaitMessage(DaemonMessage.StreamEnded.class, e -> e.streamId() == 3))
                .isEqualTo(new DaemonMessage.StreamEnded(3, logEnd, StreamEndReason.OFFSET_OUT_OF_RANGE, null));
        assertThat(awaitMessage(DaemonMessage.StreamEnded.class, e -> e.streamId() == 4))
                .isEqualTo(new DaemonMessage.StreamEnded(4, 0, StreamEndReason.UNKNOWN_SESSION, null));
        assertThat(awaitMessage(DaemonMessage.StreamEnded.class, e -> e.streamId() == 5))
                .isEqualTo(new DaemonMessage.StreamEnded(5, logEnd, StreamEndReason.SESSION_EXITED, 7));
        assertThat(frames(5)).isEmpty();
    }

    @Test
    @Order(4)
    void aStreamNeverRunsMoreThanItsWindowAheadOfTheCredit() throws Exception {
        send(new DaemonMessage.Spawn("req-2", BULK, List.of("bash", "-c", "head -c 300000 /dev/zero | tr '\\0' b"), null,
                Map.of(), 80, 24));
        assertThat(awaitMessage(DaemonMessage.SessionExited.class, e -> e.sessionId().equals(BULK)).logEnd()).isEqualTo(300_000);

        send(new DaemonMessage.OpenStream(6, BULK, 0, 100_000, false));
        Eventually.await(TIMEOUT, () -> streamBytes(6).length == 100_000);
        Thread.sleep(300);
        assertThat(streamBytes(6)).hasSize(100_000);

        send(new DaemonMessage.Credit(6, 150_000));
        Eventually.await(TIMEOUT, () -> streamBytes(6).length == 250_000);
        send(new DaemonMessage.Credit(6, 50_000));
        DaemonMessage.StreamEnded ended = awaitMessage(DaemonMessage.StreamEnded.class, e -> e.streamId() == 6);
        assertThat(ended).isEqualTo(new DaemonMessage.StreamEnded(6, 300_000, StreamEndReason.SESSION_EXITED, 0));
        assertFramesAreContiguous(6, 0);
        assertThat(frames(6)).allSatisfy(frame -> assertThat(frame.bytes().remaining()).isLessThanOrEqualTo(64 * 1024));

        send(new DaemonMessage.OpenStream(7, BULK, 1000, 10, false));
        Eventually.await(TIMEOUT, () -> streamBytes(7).length == 10);
        send(new DaemonMessage.CloseStream(7));
        assertThat(awaitMessage(DaemonMessage.StreamEnded.class, e -> e.streamId() == 7))
                .isEqualTo(new DaemonMessage.StreamEnded(7, 1010, StreamEndReason.CLOSED, null));
    }

    @Test
    @Order(5)
    void aSpawnThatCannotStartIsAnsweredWithTheReason() throws Exception {
        UUID id = UUID.randomUUID();
        send(new DaemonMessage.Spawn("req-3", id, List.of("drover-missing-command"), null, Map.of(), 80, 24));
        assertThat(awaitMessage(DaemonMessage.SpawnFailed.class, f -> f.sessionId().equals(id)))
                .isEqualTo(new DaemonMessage.SpawnFailed("req-3", id, "command not found: drover-missing-command"));
    }

    @Test
    @Order(5)
    void afterTheWelcomeTheDaemonAnnouncesItsProjectsAndAnswersListProjects() throws Exception {
        DaemonMessage.Projects announced = awaitMessage(DaemonMessage.Projects.class, p -> p.requestId() == null);
        assertThat(announced.projects()).extracting(ProjectInfo::name, ProjectInfo::branch, ProjectInfo::dirty)
                .containsExactly(tuple("shop", "main", false));
        assertThat(announced.roots()).singleElement().asString().endsWith("/projects");

        send(new DaemonMessage.ListProjects("req-projects", true));
        DaemonMessage.Projects answer = awaitMessage(DaemonMessage.Projects.class, p -> "req-projects".equals(p.requestId()));
        assertThat(answer.projects()).extracting(ProjectInfo::path).containsExactly(shop().toString());
        assertThat(answer.scannedAt()).isAfter(announced.scannedAt());
    }

    @Test
    @Order(5)
    void whenASessionInAWorktreeEndsTheWorktreeIsReleasedAndTheHubIsTold() throws Exception {
        UUID clean = UUID.fromString("01900000-0000-7000-8000-0000c1ea0001");
        UUID dirty = UUID.fromString("01900000-0000-7000-8000-0000d1d10002");
        WorktreeInfo cleanTree = worktrees.create(shop(), "bash", clean);
        WorktreeInfo dirtyTree = worktrees.create(shop(), "bash", dirty);
        assertThat(awaitMessage(DaemonMessage.WorktreeCreated.class, c -> c.worktree().sessionId().equals(clean)).worktree())
                .isEqualTo(cleanTree);

        send(new DaemonMessage.Spawn("req-wt-1", clean, List.of("true"), cleanTree.path(), Map.of(), 80, 24));
        send(new DaemonMessage.Spawn("req-wt-2", dirty, List.of("sh", "-c", "echo draft > notes.txt"), dirtyTree.path(),
                Map.of(), 80, 24));

        DaemonMessage.WorktreeReleased removed = awaitMessage(DaemonMessage.WorktreeReleased.class,
                r -> r.sessionId().equals(clean));
        assertThat(removed.removed()).isTrue();
        assertThat(removed.reason()).isEqualTo("merged into main");
        assertThat(Files.exists(Path.of(cleanTree.path()))).isFalse();
        DaemonMessage.WorktreeReleased kept = awaitMessage(DaemonMessage.WorktreeReleased.class,
                r -> r.sessionId().equals(dirty));
        assertThat(kept.removed()).isFalse();
        assertThat(kept.reason()).isEqualTo("uncommitted changes");
        assertThat(kept.worktree().state()).isEqualTo(WorktreeState.DIRTY);
        assertThat(Files.readString(Path.of(dirtyTree.path(), "notes.txt"))).isEqualTo("draft\n");

        send(new DaemonMessage.DiscardWorktree("req-discard-1", "/etc", dirtyTree.path(), dirtyTree.branch()));
        assertThat(awaitMessage(DaemonMessage.RequestFailed.class, f -> f.requestId().equals("req-discard-1")).reason())
                .startsWith("/etc is outside the project roots");
        send(new DaemonMessage.DiscardWorktree("req-discard-2", shop().toString(), dirtyTree.path(), dirtyTree.branch()));
        assertThat(awaitMessage(DaemonMessage.WorktreeDiscarded.class, d -> d.requestId().equals("req-discard-2")))
                .isEqualTo(new DaemonMessage.WorktreeDiscarded("req-discard-2", shop().toString(), dirtyTree.path(),
                        dirtyTree.branch()));
        assertThat(Files.exists(Path.of(dirtyTree.path()))).isFalse();
    }

    @Test
    @Order(5)
    void aBashProfileSessionReportsItsShellStateAndAClaudeProfileSessionItsMcpServers() throws Exception {
        Path project = Files.createDirectories(Path.of(config.projects().roots().getFirst().toString(), "agent-home"))
                .toRealPath();
        Path bin = Files.createDirectories(project.resolve("bin"));
        Path claude = Files.writeString(bin.resolve("claude"), "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(project.resolve(".mcp.json"), "{\"mcpServers\": {\"fs\": {\"command\": \"fs-mcp\", "
                + "\"env\": {\"FS_TOKEN\": \"hidden\"}}}}");
        UUID agent = UUID.randomUUID();
        send(new DaemonMessage.Spawn("req-4", agent, List.of(), project.toString(),
                Map.of("HOME", project.toString(), "PATH", bin + ":" + System.getenv("PATH")), 80, 24, "claude", "new",
                UUID.randomUUID().toString(), null, null, false));
        awaitMessage(DaemonMessage.Spawned.class, s -> s.sessionId().equals(agent));
        assertThat(awaitMessage(DaemonMessage.McpServers.class, m -> m.sessionId().equals(agent)).servers())
                .containsExactly(new McpServer("fs", McpServer.STDIO, "fs-mcp", List.of(), null,
                        project.resolve(".mcp.json").toString()));

        send(new DaemonMessage.Spawn("req-5", SHELL, List.of(), project.toString(),
                Map.of("HOME", project.toString()), 80, 24, "bash", "new", null, null, null, false));
        assertThat(awaitMessage(DaemonMessage.ShellState.class, s -> s.sessionId().equals(SHELL)))
                .isEqualTo(new DaemonMessage.ShellState(SHELL, project.toString(), null, null, false));
        assertThat(FakeHub.received).noneMatch(m -> m instanceof DaemonMessage.McpServers servers
                && servers.sessionId().equals(SHELL));
    }

    @Test
    @Order(6)
    void afterTheHubDropsTheSocketTheDaemonReconnectsAndReportsItsSessions() throws Exception {
        int shellStates = count(DaemonMessage.ShellState.class);
        int hellos = count(DaemonMessage.Hello.class);
        FakeHub.connection.closeAndAwait();
        Eventually.await(TIMEOUT, () -> count(DaemonMessage.Hello.class) == hellos + 1);
        DaemonMessage.Hello hello = (DaemonMessage.Hello) FakeHub.received.stream()
                .filter(DaemonMessage.Hello.class::isInstance)
                .reduce((first, second) -> second)
                .orElseThrow();
        assertThat(hello.sessions())
                .extracting(s -> s.sessionId(), s -> s.state(), s -> s.logEnd(), s -> s.exitCode())
                .contains(tuple(BULK, SessionRunState.EXITED, 300_000L, 0));
        Eventually.await(TIMEOUT, link::connected);
        Eventually.await(TIMEOUT, () -> count(DaemonMessage.ShellState.class) == shellStates + 1);
    }

    @Test
    @Order(7)
    void whenTheHubRefusesTheCredentialTheDaemonStopsWithStatus2() throws Exception {
        FakeHub.refuse = true;
        try {
            FakeHub.connection.closeAndAwait();
            Eventually.await(TIMEOUT, () -> exit.status() != null);
            assertThat(exit.status()).isEqualTo(2);
            assertThat(exit.message()).isEqualTo("the hub refused this host's credential (401): the host was removed or "
                    + "revoked; enrol again with a new join token");
        } finally {
            FakeHub.refuse = false;
        }
    }

    private Path shop() throws Exception {
        return Path.of(config.projects().roots().getFirst().toString(), "shop").toRealPath();
    }

    private void send(DaemonMessage message) throws Exception {
        FakeHub.connection.sendTextAndAwait(json.writerFor(DaemonMessage.class).writeValueAsString(message));
    }

    private static <T extends DaemonMessage> T awaitMessage(Class<T> type, Predicate<T> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = FakeHub.received.stream().filter(type::isInstance).map(type::cast).filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + TIMEOUT + "; received " + FakeHub.received);
    }

    private static int count(Class<? extends DaemonMessage> type) {
        return (int) FakeHub.received.stream().filter(type::isInstance).count();
    }

    private static List<StreamFrames.Data> frames(long streamId) {
        return FakeHub.frames.stream().filter(f -> f.streamId() == streamId).toList();
    }

    private static byte[] streamBytes(long streamId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamFrames.Data frame : frames(streamId)) {
            byte[] bytes = new byte[frame.bytes().remaining()];
            frame.bytes().duplicate().get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static String streamText(long streamId) {
        return new String(streamBytes(streamId), StandardCharsets.UTF_8);
    }

    private static void assertFramesAreContiguous(long streamId, long from) {
        long next = from;
        for (StreamFrames.Data frame : frames(streamId)) {
            assertThat(frame.offset()).isEqualTo(next);
            next += frame.bytes().remaining();
        }
    }
}
