package dev.drover.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.profiles.AgentProfile;
import dev.drover.profiles.ProfileLoader;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeCaptureTest {

    private static final AgentProfile GEMINI = new ProfileLoader().loadShipped().find("gemini").orElseThrow();

    @TempDir
    Path dir;

    /**
     * The bytes Gemini CLI 0.61 printed from /quit to its exit (recorded from the real CLI, in
     * 4 KiB pieces as a PTY delivers them): its resume line is drawn in a colour gradient, with
     * escape sequences inside the id.
     */
    @Test
    void geminisRecordedQuitOutputYieldsTheIdItsResumeLineNames() throws Exception {
        try (SessionLog log = SessionLog.open(dir.resolve("log"), 8L << 20);
                InputStream recorded = getClass().getResourceAsStream("/pty/gemini-quit.typescript")) {
            byte[] piece = new byte[4096];
            int n;
            while ((n = recorded.read(piece)) > 0) {
                log.append(piece, 0, n);
            }
            assertThat(ResumeCapture.find(meta(GEMINI.resume().capture()), log))
                    .contains("8160b605-04e2-4b88-bae6-b825e50d1b56");
        }
    }

    private static SessionMeta meta(String resumeCapture) {
        return new SessionMeta(UUID.randomUUID(), List.of("gemini"), "/", Instant.now(), null, null, "pty", 8L << 20,
                "gemini", null, resumeCapture, GEMINI.stop(), null);
    }
}
