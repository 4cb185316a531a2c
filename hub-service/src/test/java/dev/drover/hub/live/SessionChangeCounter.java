package dev.drover.hub.live;

import dev.drover.hub.live.service.LiveChange;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the session changes the change feed fired, after the event socket's fan-out saw each. */
@ApplicationScoped
public class SessionChangeCounter {

    private final AtomicInteger seen = new AtomicInteger();

    void changed(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) LiveChange change) {
        if (change instanceof LiveChange.SessionChanged) {
            seen.incrementAndGet();
        }
    }

    int seen() {
        return seen.get();
    }
}
