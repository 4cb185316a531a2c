package dev.drover.hub.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the browser hardening headers on every response: a Content-Security-Policy the web UI runs
 * under (scripts and connections from the hub's own origin only; inline style attributes allowed
 * because xterm.js positions its elements with them), no framing by any page, no MIME sniffing
 * and no referrer sent to other sites.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    /** Runs before the origin check, so refusals carry the headers too. */
    private static final int PRIORITY = 2000;

    void install(@Observes Filters filters) {
        filters.register(context -> {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Frame-Options", "DENY");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            context.next();
        }, PRIORITY);
    }
}
