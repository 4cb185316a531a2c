package dev.drover.hub.audit.rest;

import dev.drover.hub.audit.repository.AuditFilter;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.validation.Text;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** The audit search's query. Times and numbers arrive as text so that a malformed one is a 400 naming it. */
public class AuditQuery {

    /** The most entries one answer (a page or an export) holds. */
    public static final int MAX_LIMIT = 10_000;
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_WORDS = 20;

    @QueryParam("actor")
    @Parameter(description = "Only entries of this actor (a user name, host:<name> or system)")
    @Size(max = 200) @Text
    public String actor;

    @QueryParam("action")
    @Parameter(description = "Only this action (login.failed) or family of actions (user keeps user.created, user.disabled, ...)")
    @Size(max = 100) @Text
    public String action;

    @QueryParam("target")
    @Parameter(description = "Only entries about this target, e.g. session:<id>, user:<name>, host:<name>, token:<id>")
    @Size(max = 300) @Text
    public String target;

    @QueryParam("from")
    @Parameter(description = "Only entries at or after this instant (ISO-8601)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    public String from;

    @QueryParam("to")
    @Parameter(description = "Only entries before this instant (ISO-8601)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    public String to;

    @QueryParam("q")
    @Parameter(description = "Words (at most 20) that must all appear, ignoring case, in the actor, token, action, "
            + "target, address or detail")
    @Size(max = 500) @Text
    public String q;

    @QueryParam("limit")
    @Parameter(description = "The most entries to answer, 1 to 10000 (default 50)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000"))
    public String limit;

    @QueryParam("page")
    @Parameter(description = "Which page of `limit` entries, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    public String page;

    AuditFilter filter() {
        List<String> words = q == null ? List.of() : Arrays.stream(q.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
        if (words.size() > MAX_WORDS) {
            throw new ProblemException(400, "q must have at most " + MAX_WORDS + " words");
        }
        return new AuditFilter(given(actor), given(action), given(target), instant("from", from), instant("to", to), words);
    }

    int limit() {
        return given(limit) == null ? DEFAULT_LIMIT : whole("limit", limit, MAX_LIMIT);
    }

    int page() {
        return given(page) == null ? 1 : whole("page", page, Integer.MAX_VALUE);
    }

    private static int whole(String name, String value, int max) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // A word is as wrong as a number out of range: both answered below.
        }
        throw new ProblemException(400, name + " must be a whole number from 1" + (max == Integer.MAX_VALUE ? "" : " to " + max));
    }

    private static Instant instant(String name, String value) {
        if (given(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, name + " must be an ISO-8601 instant such as 2026-12-07T10:00:00Z");
        }
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
