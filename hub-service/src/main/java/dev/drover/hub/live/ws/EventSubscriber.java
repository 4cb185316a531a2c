package dev.drover.hub.live.ws;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.live.service.Notice;
import dev.drover.hub.session.service.SessionAccess;
import io.quarkus.websockets.next.WebSocketConnection;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One event socket's reader: who it is (account and roles), which sessions it may hear of (ADR
 * 0028), and how many characters were handed to the socket and not yet written to the network.
 */
final class EventSubscriber {

    private final String account;
    private final Set<String> roles;
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();

    EventSubscriber(String account, Set<String> roles) {
        this.account = account;
        this.roles = Set.copyOf(roles);
    }

    String account() {
        return account;
    }

    /** Admins see every session. */
    boolean admin() {
        return roles.contains(Role.ADMIN);
    }

    /** Whether the reader sees a session {@code createdBy} started that is shared with {@code sharedWith}. */
    boolean maySee(String createdBy, Set<String> sharedWith) {
        return admin() || SessionAccess.sees(account, createdBy, sharedWith);
    }

    boolean mayReceive(Notice.Audience audience) {
        if (audience.account() != null) {
            return audience.account().equals(account);
        }
        return audience.role() == null || roles.contains(audience.role());
    }

    /**
     * Sends {@code text} unless the socket already holds more than {@code maxUnsent} characters it
     * could not write; answers false the first time that happens (the caller closes the socket), and
     * sends nothing more after it.
     */
    boolean offer(WebSocketConnection connection, String text, long maxUnsent) {
        if (closing.get()) {
            return true;
        }
        long size = text.length();
        if (unsent.get() + size > maxUnsent && unsent.get() > 0) {
            return !closing.compareAndSet(false, true);
        }
        unsent.addAndGet(size);
        connection.sendText(text).subscribe().with(
                sent -> unsent.addAndGet(-size),
                failed -> unsent.addAndGet(-size));
        return true;
    }
}
