package dev.drover.daemon.prompt;

import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.screen.ScreenModel;
import dev.drover.protocol.daemon.ActivityState;
import dev.drover.protocol.daemon.DaemonMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Types the hub's prompts into agents (ADR 0025), only into one whose activity is idle: never into an
 * agent that waits for an approval or an answer, nor one at work. The text goes in one write, as a
 * bracketed paste when the agent's terminal turned bracketed paste on (so a newline in it stays in the
 * input box), then, once the end of the text shows on the session's screen (at most
 * {@link #ECHO_WAIT_MILLIS}) and after {@code drover.daemon.prompts.submit-pause}, Enter in a write of its
 * own: agents that read both at once take the Enter as part of a paste, and a busy agent (Gemini on a
 * loaded machine) could still be reading the paste 300 ms after it was written. Two prompts to one
 * session are typed one after the other, never interleaved. Blocking: callers run it on a virtual thread.
 */
@ApplicationScoped
public class PromptTyping {

    private static final Logger LOG = Logger.getLogger(PromptTyping.class);
    private static final byte[] SUBMIT = {'\r'};
    private static final String PASTE_START = "\u001b[200~";
    private static final String PASTE_END = "\u001b[201~";
    /** The longest a write may take to reach the terminal before the prompt counts as not typed. */
    private static final long WRITE_TIMEOUT_SECONDS = 10;
    /**
     * The longest Enter waits for the typed text to show on the screen; an agent that shows a long paste
     * as a placeholder ("[Pasted text #1]") never shows it, and gets its Enter after this.
     */
    private static final long ECHO_WAIT_MILLIS = 5_000;
    private static final long ECHO_POLL_MILLIS = 50;
    /** How much of the text's end is looked for: short, so that a wrapped line rarely splits it. */
    private static final int ECHO_MARK_CHARS = 8;

    private final SessionRegistry sessions;
    private final SessionActivities activities;
    private final DaemonConfig config;
    private final Map<UUID, ReentrantLock> typing = new ConcurrentHashMap<>();

    public PromptTyping(SessionRegistry sessions, SessionActivities activities, DaemonConfig config) {
        this.sessions = sessions;
        this.activities = activities;
        this.config = config;
    }

    /** Types {@code prompt} if its session runs here and is idle; answers what happened. */
    public DaemonMessage.Prompted type(DaemonMessage.Prompt prompt) {
        UUID id = prompt.sessionId();
        Optional<RunningSession> running = sessions.running(id);
        if (running.isEmpty()) {
            return new DaemonMessage.Prompted(prompt.requestId(), id, false, null, Instant.now());
        }
        ReentrantLock lock = typing.computeIfAbsent(id, ignored -> new ReentrantLock());
        lock.lock();
        try {
            ActivityState state = activities.current(id).map(DaemonMessage.Activity::state).orElse(ActivityState.STARTING);
            Instant at = Instant.now();
            if (state != ActivityState.IDLE) {
                LOG.debugf("session %s: prompt not typed, the agent is %s", id, state.wire());
                return new DaemonMessage.Prompted(prompt.requestId(), id, false, state, at);
            }
            boolean paste = sessions.screen(id).map(ScreenModel::bracketedPaste).orElse(false);
            String text = paste ? PASTE_START + prompt.text() + PASTE_END : prompt.text();
            RunningSession session = running.get();
            write(session, text.getBytes(StandardCharsets.UTF_8));
            awaitEcho(id, prompt.text());
            Thread.sleep(config.prompts().submitPause().toMillis());
            write(session, SUBMIT);
            LOG.debugf("session %s: prompt of %d chars typed (%s)", id, prompt.text().length(), paste ? "pasted" : "plain");
            return new DaemonMessage.Prompted(prompt.requestId(), id, true, state, at);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DaemonMessage.Prompted(prompt.requestId(), id, false, null, Instant.now());
        } catch (ExecutionException | TimeoutException e) {
            LOG.infof("session %s: prompt not typed: %s", id, e.getMessage());
            return new DaemonMessage.Prompted(prompt.requestId(), id, false, null, Instant.now());
        } finally {
            lock.unlock();
            if (!lock.hasQueuedThreads() && sessions.running(id).isEmpty()) {
                typing.remove(id);
            }
        }
    }

    /** Waits until the last few visible characters of {@code text} are on the session's screen, or gives up. */
    private void awaitEcho(UUID id, String text) throws InterruptedException {
        String visible = text.replaceAll("\\s+", "");
        String mark = visible.substring(Math.max(0, visible.length() - ECHO_MARK_CHARS));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ECHO_WAIT_MILLIS);
        while (!mark.isEmpty() && System.nanoTime() < deadline) {
            boolean shown = sessions.screen(id)
                    .map(screen -> screen.screenText().replaceAll("\\s+", "").contains(mark))
                    .orElse(false);
            if (shown) {
                return;
            }
            Thread.sleep(ECHO_POLL_MILLIS);
        }
        LOG.debugf("session %s: the prompt's end did not show on the screen; Enter goes anyway", id);
    }

    private static void write(RunningSession session, byte[] bytes)
            throws InterruptedException, ExecutionException, TimeoutException {
        session.write(bytes).toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
