package dev.drover.hub.web;

import dev.drover.hub.problem.ProblemResponses;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;

/**
 * Bounds every API request body by {@code quarkus.http.limits.max-body-size}, chunked or not, with a
 * 413 problem. A body that declares a larger length is refused before a byte of it is read (over
 * HTTP/1.1 the connection closes, so the rest is never read). A chunked HTTP/1.1 body is read here
 * up to the limit. An HTTP/2 stream without a length must not be read here (the resource would fail
 * with "Request has already been read"), and the framework's own count answers a bare 413 with a
 * {@code Connection} header, which HTTP/2 forbids: such a stream is counted by {@link BoundedBodies}
 * as the resource reads it instead. The telemetry gRPC stream shares the server and streams; it is
 * not under {@code /api}.
 */
@ApplicationScoped
public class BodyLimit {

    /** After the origin check: a refused browser request is not read at all. */
    private static final int PRIORITY = 500;
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final long limit;
    private final BodyHandler chunkedBodies;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(this.limit);
    }

    void install(@Observes Filters filters) {
        filters.register(context -> {
            if (!WITH_BODY.contains(context.request().method()) || !context.request().path().startsWith("/api/")) {
                context.next();
                return;
            }
            long declared = declaredLength(context);
            if (declared > limit) {
                tooLarge(context);
            } else if (declared < 0 && context.request().version() != HttpVersion.HTTP_2) {
                chunkedBodies.handle(context);
            } else {
                context.next();
            }
        }, PRIORITY);
    }

    /**
     * Right after the framework's upload limit has marked an HTTP/2 API stream without a length for counting, takes
     * the mark off again: {@link BoundedBodies} counts it and answers with a problem.
     */
    void countHttp2StreamsInTheResource(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(context -> {
            if (context.request().version() == HttpVersion.HTTP_2 && WITH_BODY.contains(context.request().method())
                    && context.request().path().startsWith("/api/") && declaredLength(context) < 0) {
                context.remove(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
            }
            context.next();
        });
    }

    void answerTooLarge(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() != 413 || context.response().headWritten()) {
                context.next();
            } else {
                tooLarge(context);
            }
        });
    }

    private void tooLarge(RoutingContext context) {
        if (context.request().version() != HttpVersion.HTTP_2) {
            context.response().putHeader("Connection", "close");
        }
        ProblemResponses.send(context, 413, "the request body is larger than " + describe(limit));
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
