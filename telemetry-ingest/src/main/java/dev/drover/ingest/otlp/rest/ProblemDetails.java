package dev.drover.ingest.otlp.rest;

import com.google.gson.JsonObject;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details ({@code application/problem+json}) for refused exports. */
final class ProblemDetails {

    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemDetails() {
    }

    static Response.ResponseBuilder of(Response.Status status, String detail, String instance) {
        JsonObject problem = new JsonObject();
        problem.addProperty("type", "about:blank");
        problem.addProperty("title", status.getReasonPhrase());
        problem.addProperty("status", status.getStatusCode());
        problem.addProperty("detail", detail);
        problem.addProperty("instance", instance);
        return Response.status(status).type(MEDIA_TYPE).entity(problem.toString());
    }
}
