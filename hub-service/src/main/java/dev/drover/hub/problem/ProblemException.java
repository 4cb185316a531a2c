package dev.drover.hub.problem;

import jakarta.ws.rs.core.Response;

/** A failure with an HTTP status and a message that is safe to show to the caller. */
public class ProblemException extends RuntimeException {

    private final int status;

    public ProblemException(Response.Status status, String detail) {
        super(detail);
        this.status = status.getStatusCode();
    }

    public ProblemException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Response.Status.CONFLICT, detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Response.Status.UNAUTHORIZED, detail);
    }
}
