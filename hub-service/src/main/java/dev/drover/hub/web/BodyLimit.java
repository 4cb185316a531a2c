package dev.drover.hub.web;

import dev.drover.hub.problem.ProblemResponses;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;

/**
 * Reads every HTTP/1 API request body up to {@code quarkus.http.limits.max-body-size} before the
 * resources see it, chunked or not, and answers a larger one with a 413 problem (the connection
 * closes, so the rest is never read). The telemetry gRPC stream shares the server and streams; it
 * is not under {@code /api}.
 */
@ApplicationScoped
public class BodyLimit {

    /** After the origin check: a refused browser request is not read at all. */
    private static final int PRIORITY = 500;
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final long limit;
    private final BodyHandler bodies;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
        this.bodies = BodyHandler.create(false).setBodyLimit(this.limit);
    }

    void install(@Observes Filters filters) {
        filters.register(context -> {
            HttpServerRequest request = context.request();
            if (!WITH_BODY.contains(request.method()) || !request.path().startsWith("/api/")) {
                context.next();
            } else if (request.version() == HttpVersion.HTTP_2) {
                refuseDeclaredOversize(context);
            } else {
                bodies.handle(context);
            }
        }, PRIORITY);
    }

    /**
     * An HTTP/2 request cannot be read ahead of RESTEasy (it refuses to pause a read stream), so
     * only its declared length is checked here; RESTEasy's own reader stops a longer stream at the
     * same limit with an empty 413.
     */
    private void refuseDeclaredOversize(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        try {
            if (length != null && Long.parseLong(length.strip()) > limit) {
                context.fail(413);
                return;
            }
        } catch (NumberFormatException e) {
            context.fail(400);
            return;
        }
        context.next();
    }

    void answerTooLarge(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::tooLarge);
    }

    private void tooLarge(RoutingContext context) {
        if (context.statusCode() != 413 || context.response().headWritten()) {
            context.next();
            return;
        }
        context.response().putHeader("Connection", "close");
        ProblemResponses.send(context, 413, "the request body is larger than " + describe(limit));
    }

    private static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
