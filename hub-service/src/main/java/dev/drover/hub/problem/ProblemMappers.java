package dev.drover.hub.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** Turns every failure of a REST call into problem details; nothing internal leaks. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.getMessage(), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        String detail = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return respond(400, detail, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return respond(401, "authentication required", uri);
    }

    @ServerExceptionMapper
    public Response badCredential(AuthenticationFailedException e, UriInfo uri) {
        return respond(401, "authentication required", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "your role does not allow this", uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(status, "internal error", uri);
        }
        return respond(status, e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return respond(500, "internal error", uri);
    }

    private static Problem body(int status, String detail, String instance) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        return new Problem("about:blank", title, status, detail, instance);
    }

    private static Response respond(int status, String detail, UriInfo uri) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(body(status, detail, uri.getRequestUri().getRawPath()))
                .build();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return (dot >= 0 ? path.substring(dot + 1) : path) + " " + violation.getMessage();
    }
}
