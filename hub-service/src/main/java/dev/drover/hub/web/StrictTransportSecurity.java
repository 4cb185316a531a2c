package dev.drover.hub.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tells browsers to reach the hub only over HTTPS for a year once they have reached it over HTTPS
 * ({@code Strict-Transport-Security}, RFC 6797). Sent only on responses over TLS, as RFC 6797
 * requires, and without {@code includeSubDomains}: other hosts of the hub's domain are not ours.
 */
@ApplicationScoped
public class StrictTransportSecurity {

    static final String HEADER = "Strict-Transport-Security";
    static final String ONE_YEAR = "max-age=31536000";

    void install(@Observes Filters filters) {
        filters.register(context -> {
            if (context.request().isSSL()) {
                context.response().putHeader(HEADER, ONE_YEAR);
            }
            context.next();
        }, 100);
    }
}
