package dev.drover.daemon.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Learns an agent's own session id from what it printed last (Codex prints
 * {@code codex resume <id>} when it quits): the session's {@code resumeCapture} pattern is matched
 * against the last 64 KiB of its output with escape sequences removed; the last match wins.
 */
final class ResumeCapture {

    private static final Logger LOG = Logger.getLogger(ResumeCapture.class);
    static final int TAIL = 64 * 1024;
    private static final Pattern ESCAPES = Pattern.compile(
            "\\x1b\\[[0-?]*[ -/]*[@-~]|\\x1b\\][^\\x07\\x1b]*(\\x07|\\x1b\\\\)|\\x1b[PX^_][^\\x1b]*\\x1b\\\\|\\x1b[@-Z\\\\-_]|[\\x00-\\x08\\x0b-\\x1f\\x7f]");

    private ResumeCapture() {
    }

    static Optional<String> find(SessionMeta meta, SessionLog log) {
        if (meta.resumeCapture() == null) {
            return Optional.empty();
        }
        try {
            return find(Pattern.compile(meta.resumeCapture()), tail(log));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("session %s: no resume id captured: %s", meta.sessionId(), e.getMessage());
            return Optional.empty();
        }
    }

    static Optional<String> find(Pattern pattern, String output) {
        Matcher m = pattern.matcher(ESCAPES.matcher(output).replaceAll(""));
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return Optional.ofNullable(found);
    }

    private static String tail(SessionLog log) throws IOException {
        long from = Math.max(log.start(), log.end() - TAIL);
        ByteBuffer buffer = ByteBuffer.allocate((int) (log.end() - from));
        while (buffer.hasRemaining()) {
            int n = log.read(from + buffer.position(), buffer);
            if (n <= 0) {
                break;
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
