package dev.drover.daemon.session;

import static dev.drover.daemon.session.SessionTestSupport.await;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.daemon.config.DaemonConfig.KeeperKind;
import dev.drover.profiles.AgentProfile;
import dev.drover.profiles.AgentProfile.StopStep;
import dev.drover.profiles.ProfileLoader;
import dev.drover.profiles.StopSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gemini's stop sequence against a program whose input box behaves like Gemini's: it reads the
 * terminal raw, takes whatever arrives in one read with the text as a paste (an Enter in it is a
 * newline), and acts only on an Enter that arrives alone.
 */
class StopSequenceTest {

    private static final AgentProfile GEMINI = new ProfileLoader().loadShipped().find("gemini").orElseThrow();
    private static final String RESUME_ID = "0b6a9c52-3f4e-4d1a-9a57-2c1e5b7d8f90";
    private static final String INPUT_BOX = """
            import os, sys, time, tty
            tty.setraw(0)
            os.write(1, b'ready\\r\\n')
            typed, typed_at = b'', 0.0
            while True:
                chunk = os.read(0, 1024)
                if chunk == b'\\x03':
                    typed = b''
                elif chunk == b'\\r':
                    if typed == b'/quit':
                        ms = int((time.monotonic() - typed_at) * 1000)
                        os.write(1, b'Enter %d ms after /quit\\r\\nTo resume this session: gemini --resume %s\\r\\n'
                                 % (ms, sys.argv[1].encode()))
                        sys.exit(0)
                    typed = b''
                else:
                    typed += chunk.replace(b'\\r', b'\\n')
                    typed_at = time.monotonic()
            """;

    @TempDir
    Path stateDir;

    private SessionRegistry sessions;
    private final Set<UUID> exited = ConcurrentHashMap.newKeySet();

    @AfterEach
    void detach() throws Exception {
        if (sessions != null) {
            if (sessions.tmux().isPresent()) {
                sessions.tmux().orElseThrow().killServer();
            }
            sessions.detach();
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeeperKind.class, names = {"PTY", "TMUX"})
    void geminisStopTypesQuitThenALoneEnterAfterAPauseAndCapturesTheResumeId(KeeperKind keeper) throws Exception {
        RunningSession session = start(keeper, GEMINI.stop());

        long stopped = System.nanoTime();
        assertThat(sessions.stop(session.id())).isTrue();
        await(() -> exited.contains(session.id()), Duration.ofSeconds(10));

        assertThat(session.log().exitCode()).as("quit by /quit, not by a signal").isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(GEMINI.stop().get(0).timeoutDuration()
                .plus(GEMINI.stop().get(1).timeoutDuration()).plus(GEMINI.stop().get(2).timeoutDuration()));
        Matcher enter = Pattern.compile("Enter (\\d+) ms after /quit").matcher(SessionTestSupport.text(session.log()));
        assertThat(enter.find()).isTrue();
        assertThat(Long.parseLong(enter.group(1))).isGreaterThanOrEqualTo(GEMINI.stop().get(1).timeoutDuration().toMillis() - 50);
        assertThat(sessions.agentSessionId(session.id())).contains(RESUME_ID);
    }

    /** The old sequence, {@code /quit} and Enter in one write, is a paste to it: the stop falls through to TERM. */
    @ParameterizedTest
    @EnumSource(value = KeeperKind.class, names = {"PTY", "TMUX"})
    void quitAndEnterInOneWriteStayInTheInputBoxAndTheStopEndsInTerm(KeeperKind keeper) throws Exception {
        RunningSession session = start(keeper, List.of(new StopStep("\u0003", null, "200ms"),
                new StopStep("/quit\r", null, "1s"), new StopStep(null, StopSignal.TERM, "5s"),
                new StopStep(null, StopSignal.KILL, "5s")));

        assertThat(sessions.stop(session.id())).isTrue();
        await(() -> exited.contains(session.id()), Duration.ofSeconds(10));

        assertThat(session.log().exitCode()).isEqualTo(128 + 15);
        assertThat(sessions.agentSessionId(session.id())).isEmpty();
    }

    private RunningSession start(KeeperKind keeper, List<StopStep> stop) throws Exception {
        sessions = new TestConfig(stateDir, keeper, 8L << 20, 64L << 20, 4L << 30).registry();
        sessions.onExit(session -> exited.add(session.id()));
        RunningSession session = sessions.spawn(new SessionLaunch(UUID.randomUUID(),
                List.of("python3", "-c", INPUT_BOX, RESUME_ID), stateDir, Map.of(), 100, 30, "gemini", null,
                GEMINI.resume().capture(), stop, null));
        await(() -> SessionTestSupport.text(session.log()).contains("ready"), Duration.ofSeconds(10));
        return session;
    }
}
