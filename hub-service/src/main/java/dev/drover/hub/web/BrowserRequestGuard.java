package dev.drover.hub.web;

import dev.drover.hub.auth.service.CsrfTokens;
import dev.drover.hub.auth.service.TokenVerification;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.problem.ProblemResponses;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses what another site can make a signed-in browser send (docs/adr/0010-browser-origins-csrf-and-token-revocation.md):
 * <ul>
 *   <li>a WebSocket upgrade carrying the session cookie whose {@code Origin} is neither the hub's
 *       own nor an allowed one (403); without the cookie a browser has no credential to lend, and
 *       daemons (whose WebSocket client names the URL it dialled as origin, which a proxy may
 *       rewrite) are not held to it;</li>
 *   <li>a write (POST, PUT, PATCH, DELETE) carrying the session cookie from a foreign origin, with a
 *       body that is not JSON, or without the login's CSRF token in {@code X-Drover-CSRF} (403).</li>
 * </ul>
 * Callers with a bearer token and no session cookie (CLI, scripts, daemons, the ingest) are not
 * browsers and pass. Login carries no session authority, so it needs no CSRF token, only a
 * trusted origin.
 */
@ApplicationScoped
public class BrowserRequestGuard {

    private static final int PRIORITY = 1000;
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String LOGIN = "/api/v1/auth/login";

    private final List<String> allowedOrigins;

    public BrowserRequestGuard(HubConfig config) {
        this.allowedOrigins = config.allowedOrigins().orElse(List.of()).stream()
                .map(BrowserRequestGuard::normalize)
                .toList();
    }

    void install(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        String refusal = refusal(context.request());
        if (refusal == null) {
            context.next();
        } else {
            ProblemResponses.send(context, 403, refusal);
        }
    }

    private String refusal(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        Cookie session = request.getCookie(TokenVerification.COOKIE);
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return session == null || origin == null || trusted(origin, request) ? null
                    : "WebSocket from origin " + origin + " refused: only the hub's own origin and"
                    + " drover.hub.allowed-origins may open sockets with the session cookie";
        }
        if (SAFE.contains(request.method())) {
            return null;
        }
        boolean login = LOGIN.equals(request.path());
        if (session == null && !login) {
            return null;
        }
        if (origin != null && !trusted(origin, request)) {
            return "request from origin " + origin + " refused: only the hub's own origin and"
                    + " drover.hub.allowed-origins may write with the session cookie";
        }
        if (session == null) {
            return null;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !isJson(contentType)) {
            return "a write with the session cookie must send JSON (Content-Type: application/json), not " + contentType;
        }
        if (!login && !CsrfTokens.matches(session.getValue(), request.getHeader(CsrfTokens.HEADER))) {
            return "missing or wrong " + CsrfTokens.HEADER + " header: send the value of the "
                    + CsrfTokens.COOKIE + " cookie with every write";
        }
        return null;
    }

    private boolean trusted(String origin, HttpServerRequest request) {
        String normalized = normalize(origin);
        return normalized != null && (normalized.equals(ownOrigin(request)) || allowedOrigins.contains(normalized));
    }

    /** The origin the browser sees the hub at: scheme and authority as forwarded by a trusted proxy or as asked. */
    private static String ownOrigin(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        if (authority == null) {
            return null;
        }
        String scheme = request.scheme() == null ? "http" : request.scheme().toLowerCase(Locale.ROOT);
        int port = authority.port() > 0 ? authority.port() : defaultPort(scheme);
        return scheme + "://" + bare(authority.host()) + ":" + port;
    }

    /** {@code scheme://host:port} with the port spelled out; null for {@code null} and anything that is no origin. */
    static String normalize(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort() > 0 ? uri.getPort() : defaultPort(scheme);
            return scheme + "://" + bare(uri.getHost()) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A host name in lower case, an IPv6 address without its brackets. */
    private static String bare(String host) {
        return host.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
