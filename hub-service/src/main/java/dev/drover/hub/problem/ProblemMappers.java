package dev.drover.hub.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.DomainException;
import dev.drover.hub.error.HostOfflineException;
import dev.drover.hub.error.HostTimeoutException;
import dev.drover.hub.error.InvalidException;
import dev.drover.hub.error.NotAuthenticatedException;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.hub.error.RefusedByHostException;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Turns every failure of a REST call into problem details; nothing internal leaks. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response tooLarge(BodyTooLargeException e, UriInfo uri) {
        return respond(413, e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response refused(DomainException e, UriInfo uri) {
        return respond(status(e), e.getMessage(), uri);
    }

    /** The status that says {@code e}'s kind of refusal. */
    static int status(DomainException e) {
        return switch (e) {
            case InvalidException invalid -> 400;
            case NotAuthenticatedException unknown -> 401;
            case NotPermittedException denied -> 403;
            case NotFoundException absent -> 404;
            case ConflictException conflict -> 409;
            case HostOfflineException offline -> 409;
            case RefusedByHostException refused -> 422;
            case HostTimeoutException late -> 504;
        };
    }

    @ServerExceptionMapper(priority = 1)
    public Response retryLater(RetryLaterException e, UriInfo uri) {
        return Response.fromResponse(respond(e.status(), e.getMessage(), uri))
                .header("Retry-After", e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        String detail = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return respond(400, detail, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(400, describe(e), uri);
    }

    /** Quarkus maps this subtype itself, to an empty 400 (or Jackson's message in dev mode). */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return respond(400, describe(e), uri);
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
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(400, describe(json), uri);
        }
        return respond(status, frameworkDetail(status, e.getMessage(), uri), uri);
    }

    /** Anything else is the hub's fault: logged with its stack trace, answered without it. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return respond(500, "internal error", uri);
    }

    /**
     * The services raise {@link DomainException}s and the resources {@link ProblemException}s; a 4xx
     * {@link WebApplicationException} comes from JAX-RS itself, whose messages say either no more than
     * the status ("HTTP 404 Not Found") or speak of its internals ("did not match the value in @Produces").
     */
    private static String frameworkDetail(int status, String message, UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        return switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "nothing found at " + path + " (an unknown or malformed id?)";
            case 405 -> "this method is not allowed on " + path;
            case 406 -> "the API answers JSON only (Accept: application/json)";
            case 415 -> "send the request body as JSON (Content-Type: application/json)";
            default -> message;
        };
    }

    private static Response respond(int status, String detail, UriInfo uri) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, detail, uri.getRequestUri().getRawPath()))
                .build();
    }

    /** What is wrong with a JSON body, in the API's words: Jackson's own messages name Java classes. */
    static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            var at = e.getLocation();
            return at == null ? "the request body is not valid JSON"
                    : "the request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining())
                    .substring(1);
            Class<?> expected = e instanceof MismatchedInputException mismatch
                    ? mismatch.getTargetType() : null;
            return expected == null ? field + " has the wrong type" : field + " must be " + jsonKind(expected);
        }
        return "the request body must be a JSON object";
    }

    private static String jsonKind(Class<?> type) {
        if (type == UUID.class) {
            return "a UUID";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date-time string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of another type";
    }

    /** The field as the caller spelled it ({@code task}, {@code command[2]}), then what is wrong with it. */
    static String describe(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PROPERTY, BEAN -> {
                    if (node.getName() != null) {
                        field.setLength(0);
                        field.append(node.getName());
                    }
                }
                case CONTAINER_ELEMENT -> field.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
                default -> field.setLength(0);
            }
        }
        if (field.isEmpty()) {
            String path = violation.getPropertyPath().toString();
            field.append(path.substring(path.lastIndexOf('.') + 1));
        }
        return field + " " + violation.getMessage();
    }
}
