package dev.drover.hub.problem;

import dev.drover.protocol.problem.Problem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Problem details written straight to a Vert.x response, for refusals made before JAX-RS sees the request. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Ends the exchange with {@code status} and an RFC 9457 body. */
    public static void send(RoutingContext context, int status, String detail) {
        Problem problem = Problem.of(status, detail, context.request().path());
        JsonObject body = new JsonObject()
                .put("type", problem.type())
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail())
                .put("instance", problem.instance());
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body.encode());
    }
}
