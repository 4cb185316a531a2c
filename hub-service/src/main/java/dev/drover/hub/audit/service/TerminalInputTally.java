package dev.drover.hub.audit.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Terminal input for the audit trail without a row per keystroke: what one person (through one
 * token, from one address) types into one session is summed for {@code drover.hub.audit.terminal-input-window}
 * (a minute) and recorded as one {@code terminal.input} entry with the bytes and messages counted,
 * when the window began and ended, and, only with {@code drover.hub.audit.terminal-input-content},
 * the text typed. Open windows are written when the hub stops.
 */
@ApplicationScoped
public class TerminalInputTally {

    private final AuditTrail trail;
    private final AuditConfig config;
    private final Vertx vertx;
    private final Map<Key, Window> open = new ConcurrentHashMap<>();
    private long timerId = -1;

    public TerminalInputTally(AuditTrail trail, AuditConfig config, Vertx vertx) {
        this.trail = trail;
        this.config = config;
        this.vertx = vertx;
    }

    private record Key(Actor actor, UUID sessionId) {
    }

    private static final class Window {

        final Instant since;
        Instant last;
        long bytes;
        long messages;
        final StringBuilder content = new StringBuilder();
        boolean truncated;

        Window(Instant since) {
            this.since = since;
        }
    }

    void start(@Observes StartupEvent event) {
        long period = Math.max(100, config.terminalInputWindow().toMillis() / 4);
        timerId = vertx.setPeriodic(period, id -> flush(false).subscribe().with(ignored -> { }));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        flush(true).await().indefinitely();
    }

    /** Counts {@code input} typed by {@code actor} into the session. */
    public void typed(Actor actor, UUID sessionId, byte[] input) {
        Instant now = Instant.now();
        open.compute(new Key(actor, sessionId), (key, window) -> {
            Window counting = window != null ? window : new Window(now);
            counting.last = now;
            counting.bytes += input.length;
            counting.messages++;
            if (config.terminalInputContent() && !counting.truncated) {
                String text = new String(input, StandardCharsets.UTF_8);
                int room = config.terminalInputContentLimit() - counting.content.length();
                counting.content.append(text, 0, Math.min(room, text.length()));
                counting.truncated = text.length() > room;
            }
            return counting;
        });
    }

    /** Writes the windows that are over (all of them with {@code all}). */
    Uni<Void> flush(boolean all) {
        Instant cutoff = Instant.now().minus(config.terminalInputWindow());
        List<Uni<Void>> writes = new ArrayList<>();
        for (Key key : List.copyOf(open.keySet())) {
            Window[] ended = new Window[1];
            open.computeIfPresent(key, (ignored, window) -> {
                if (all || !window.since.isAfter(cutoff)) {
                    ended[0] = window;
                    return null;
                }
                return window;
            });
            if (ended[0] != null) {
                writes.add(trail.record(ended[0].since, key.actor(), AuditActions.TERMINAL_INPUT,
                        "session:" + key.sessionId(), detail(ended[0])));
            }
        }
        return writes.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(writes).andCollectFailures().replaceWithVoid();
    }

    private Map<String, Object> detail(Window window) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("bytes", window.bytes);
        detail.put("messages", window.messages);
        detail.put("until", window.last.toString());
        if (config.terminalInputContent()) {
            detail.put("content", window.content.toString());
            if (window.truncated) {
                detail.put("truncated", true);
            }
        }
        return detail;
    }
}
