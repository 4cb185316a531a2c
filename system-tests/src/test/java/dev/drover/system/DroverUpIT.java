package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.stack.HubClient;
import dev.drover.cli.stack.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's first command as a newcomer runs it: {@code ./drover up} from the checkout, with a
 * home and state directory of its own, used through the URL and password it prints, then stopped
 * with Ctrl-C (SIGINT). Afterwards nothing of it runs but the tmux server that keeps its sessions
 * on purpose.
 */
class DroverUpIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern PASSWORD = Pattern.compile("password\\W+(\\S+)");

    private final Path home = Path.of(System.getProperty("drover.home", "..")).toAbsolutePath().normalize();
    private final List<String> console = new ArrayList<>();
    private Path root;
    private Process drover;

    @Test
    void upPrintsAWorkingLoginAndCtrlCStopsAllButTheKeptSessions() throws Exception {
        root = Files.createTempDirectory("drover-up-test");
        String marker = "drover-up-" + UUID.randomUUID();
        LocalStack.Ports ports = LocalStack.Ports.free();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("drover").toString(), "up",
                "--port", Integer.toString(ports.hub()),
                "--otlp-http-port", Integer.toString(ports.ingestHttp()),
                "--otlp-grpc-port", Integer.toString(ports.ingestGrpc()))
                .directory(home.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("HOME", Files.createDirectories(root.resolve("home")).toString());
        environment.put("XDG_STATE_HOME", Files.createDirectories(root.resolve("state")).toString());
        environment.put("UP_TEST_RUN", marker);
        drover = builder.start();
        Thread reader = Thread.ofVirtual().start(this::readConsole);

        String url = awaitConsole(URL);
        String password = awaitConsole(PASSWORD);
        HubClient admin = new HubClient(URI.create(url));
        admin.login(LocalStack.ADMIN, password);
        JsonNode hosts = admin.hosts();
        assertThat(hosts).as("the local daemon's host").hasSize(1);
        assertThat(hosts.get(0).path("online").asBoolean()).isTrue();

        JsonNode session = admin.call("POST", "/api/v1/sessions", Map.of(
                "hostId", hosts.get(0).path("id").asText(),
                "command", List.of("bash", "--noprofile", "--norc"),
                "cols", 100,
                "rows", 30));
        try (TerminalClient terminal = TerminalClient.attach(URI.create(url), session.path("id").asText(), 0, admin.token())) {
            await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> assertThat(terminal.output()).as("the shell's prompt")
                    .containsPattern("bash-[0-9.]+[#$] "));
            terminal.type("echo drover-$((6 * 7))-up\n");
            await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> assertThat(terminal.output()).as("the command's output")
                    .contains("drover-42-up"));
        }

        List<ProcessHandle> started = drover.descendants().toList();
        assertThat(started).as("services started by drover up").isNotEmpty();
        SystemCommand.run("kill", "-INT", Long.toString(drover.pid()));
        assertThat(drover.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("drover up stops on Ctrl-C").isTrue();
        reader.join(Duration.ofSeconds(5));
        assertThat(String.join("\n", console())).contains("Stopped.");

        await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> assertThat(started.stream().filter(ProcessHandle::isAlive)
                .map(DroverUpIT::describe)).as("what drover up started, after Ctrl-C").isEmpty());
        List<ProcessHandle> left = processesWith(marker);
        List<ProcessHandle> keepers = left.stream()
                .filter(p -> p.info().command().orElse("").endsWith("/tmux")).toList();
        assertThat(keepers).as("the tmux server that keeps the sessions").hasSize(1);
        List<Long> kept = keepers.getFirst().descendants().map(ProcessHandle::pid).toList();
        assertThat(kept).as("the bash session, kept running").isNotEmpty();
        assertThat(left.stream().filter(p -> !keepers.contains(p) && !kept.contains(p.pid())).map(DroverUpIT::describe))
                .as("processes of drover up still running besides the kept sessions").isEmpty();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (drover != null && drover.isAlive()) {
            drover.destroy();
            drover.onExit().completeOnTimeout(null, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        }
        if (root == null) {
            return;
        }
        Path keeper = root.resolve("state/drover/daemon/tmux.sock");
        if (Files.exists(keeper)) {
            SystemCommand.attempt(List.of(List.of("tmux", "-S", keeper.toString(), "kill-server")));
        }
        processesWith(root.toString()).forEach(ProcessHandle::destroyForcibly);
        await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> assertThat(processesWith(root.toString()).stream()
                .map(DroverUpIT::describe)).as("processes of this test").isEmpty());
        StateCleanup.delete(root);
    }

    private void readConsole() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(drover.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("drover up | " + line);
                synchronized (console) {
                    console.add(line);
                }
            }
        } catch (IOException e) {
            System.out.println("drover up | output ended: " + e.getMessage());
        }
    }

    private List<String> console() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    /** Waits until a console line matches {@code pattern} and returns its first group. */
    private String awaitConsole(Pattern pattern) {
        String[] found = new String[1];
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).failFast("drover up exited", () -> !drover.isAlive())
                .until(() -> {
                    for (String line : console()) {
                        Matcher match = pattern.matcher(line);
                        if (match.find()) {
                            found[0] = match.group(1);
                            return true;
                        }
                    }
                    return false;
                });
        return found[0];
    }

    /** Running processes whose environment holds {@code text} (what drover up and its services started). */
    private static List<ProcessHandle> processesWith(String text) {
        List<ProcessHandle> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && environment(process).contains(text)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String environment(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("environ")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + " " + commandLine(process);
    }
}
