package dev.drover.hub.audit.service;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;

/**
 * Who did something, as the audit trail names them: a person's user name (with the name of the
 * API token they acted through, if any), {@code host:<name>} for a daemon, {@code system} for the
 * hub itself; and the client address when known.
 */
public record Actor(String name, String token, String address) {

    /** The identity attribute holding the id of the API token that authenticated a request. */
    public static final String TOKEN_ID = "drover.api-token.id";
    /** The identity attribute holding the name of the API token that authenticated a request. */
    public static final String TOKEN_NAME = "drover.api-token.name";

    /** The hub acting by itself (expiry, retention). */
    public static final Actor SYSTEM = new Actor("system", null, null);

    /** The caller of a request or socket upgrade. */
    public static Actor of(SecurityIdentity identity) {
        RoutingContext context = HttpSecurityUtils.getRoutingContextAttribute(identity);
        String address = context == null || context.request().remoteAddress() == null ? null
                : context.request().remoteAddress().hostAddress();
        return new Actor(identity.getPrincipal().getName(), identity.getAttribute(TOKEN_NAME), address);
    }

    /** Someone not signed in who names themselves (a sign-in attempt), from {@code address}. */
    public static Actor claiming(String name, String address) {
        return new Actor(name, null, address);
    }
}
