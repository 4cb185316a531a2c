package dev.drover.daemon.session.tmux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control-mode client against a real, private tmux server. */
class TmuxControlTest {

    @TempDir
    Path stateDir;

    private List<String> tmux;
    private TmuxControl control;

    @BeforeEach
    void startServer() throws Exception {
        tmux = List.of(TmuxKeeper.find(System.getenv("PATH")).orElseThrow(), "-S", stateDir.resolve("tmux.sock").toString(),
                "-f", "/dev/null");
        List<String> start = new ArrayList<>(tmux);
        start.addAll(List.of("new-session", "-d", "-s", "control", "cat"));
        assertThat(new ProcessBuilder(start).start().waitFor()).isZero();
        control = new TmuxControl(tmux, "control", System.getenv());
    }

    @AfterEach
    void killServer() throws Exception {
        control.close();
        List<String> kill = new ArrayList<>(tmux);
        kill.add("kill-server");
        new ProcessBuilder(kill).start().waitFor();
    }

    /**
     * tmux stops reading (its server, which reads a control client's stdin itself, gets SIGSTOP) while a writer has more to write than the pipe
     * holds: the writer blocks inside its write. A caller that must not wait (the socket's event
     * loop) is not held up by it, and once tmux reads again every answer arrives. The event loop
     * once wrote keystrokes with a plain blocking write under the writers' lock, and blocked as
     * long as tmux was behind.
     */
    @Test
    void aWriterBlockedOnAFullPipeHoldsUpNeitherTryCommandNorTheAnswers() throws Exception {
        List<String> pid = control.command("display-message -p \"#{pid}\"").get(10, TimeUnit.SECONDS);
        ProcessHandle server = ProcessHandle.of(Long.parseLong(pid.getFirst())).orElseThrow();
        signal("STOP", server);
        String text = "x".repeat(1000);
        List<CompletableFuture<List<String>>> answers = new CopyOnWriteArrayList<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 300; i++) {
                answers.add(control.command("display-message -p " + i + text));
            }
        });
        try {
            Thread.sleep(500);
            assertThat(writer.isAlive()).as("the writer waits for the stopped server").isTrue();
            long start = System.nanoTime();
            assertThat(control.tryCommand("display-message -p keystroke")).isNull();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(100);
        } finally {
            signal("CONT", server);
        }
        writer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(writer.isAlive()).isFalse();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(answers.get(299).join()).containsExactly("299" + text);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        CompletableFuture<List<String>> sent = null;
        while (sent == null && System.nanoTime() < deadline) {
            sent = control.tryCommand("display-message -p done");
        }
        assertThat(sent).as("written once tmux answered what was in the pipe").isNotNull();
        assertThat(sent.get(10, TimeUnit.SECONDS)).containsExactly("done");
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor()).isZero();
    }
}
