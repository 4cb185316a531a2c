package dev.drover.ingest.otlp.rest;

import com.google.gson.JsonObject;
import dev.drover.protocol.problem.Problem;
import jakarta.ws.rs.core.Response;

/**
 * Answers for refused exports, with the {@link Problem} body every Drover API uses; written with Gson,
 * as the ingest has no Jackson.
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static Response.ResponseBuilder of(Response.Status status, String detail, String instance) {
        Problem problem = Problem.of(status.getStatusCode(), detail, instance);
        JsonObject body = new JsonObject();
        body.addProperty("type", problem.type());
        body.addProperty("title", problem.title());
        body.addProperty("status", problem.status());
        body.addProperty("detail", problem.detail());
        body.addProperty("instance", problem.instance());
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body.toString());
    }
}
