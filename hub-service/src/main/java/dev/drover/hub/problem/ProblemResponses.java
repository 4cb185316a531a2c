package dev.drover.hub.problem;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Problem details written straight to a Vert.x response, for refusals made before JAX-RS sees the request. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Ends the exchange with {@code status} and an RFC 9457 body. */
    public static void send(RoutingContext context, int status, String detail) {
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", ProblemMappers.title(status))
                .put("status", status)
                .put("detail", detail)
                .put("instance", context.request().path());
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body.encode());
    }
}
