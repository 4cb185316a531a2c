package dev.drover.protocol.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body, what every Drover HTTP API (the hub's, the ingest's) answers a
 * refusal with, as {@value #MEDIA_TYPE}. No HTTP framework here: each service writes it with its own.
 */
@RegisterForReflection
public record Problem(
        @Schema(required = true) String type,
        @Schema(required = true) String title,
        @Schema(required = true) int status,
        @Schema(required = true) String detail,
        @Schema(required = true) String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem with no type of its own ({@code about:blank}): its status and title say what it is. */
    public static Problem of(int status, String detail, String instance) {
        return new Problem("about:blank", title(status), status, detail, instance);
    }

    /** The status's reason phrase as RFC 9110 names it, or "Error" for a status it does not name. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 511 -> "Network Authentication Required";
            default -> "Error";
        };
    }
}
