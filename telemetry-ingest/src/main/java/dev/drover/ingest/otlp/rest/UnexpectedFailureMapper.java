package dev.drover.ingest.otlp.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem details for every answer the OTLP resource does not map itself: HTTP errors raised by the framework
 * (unknown path, wrong method) keep their status, anything else is a 500 that is logged and says nothing more.
 */
public class UnexpectedFailureMapper {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class);

    @ServerExceptionMapper
    Response http(WebApplicationException e, UriInfo uri) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return status == null
                ? unexpected(e, uri)
                : ProblemResponses.of(status, e.getMessage(), uri.getPath()).build();
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("OTLP request failed", e);
        return ProblemResponses.of(Response.Status.INTERNAL_SERVER_ERROR, "the export could not be processed",
                uri.getPath()).build();
    }
}
