package dev.drover.hub.spend.rest;

import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.spend.repository.SpendDimension;
import dev.drover.hub.spend.repository.SpendFilter;
import dev.drover.hub.spend.service.SpendService;
import dev.drover.hub.validation.Text;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The spend report's query: the days, the grouping, the filters and the format. Dates and ids arrive as text so
 * that a malformed one is a 400 naming it.
 */
public class SpendParams {

    /** The days a report covers when {@code from} is not given, today included. */
    static final int DEFAULT_DAYS = 30;

    @QueryParam("from")
    @Parameter(description = "The first day (YYYY-MM-DD, in the budget time zone); default 29 days before `to`",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    public String from;

    @QueryParam("to")
    @Parameter(description = "The last day, included (YYYY-MM-DD); default today", schema = @Schema(type = SchemaType.STRING,
            format = "date"))
    public String to;

    @QueryParam("groupBy")
    @Parameter(description = "What the rows are; default day (every day of the range, in order; the others by cost, "
            + "largest first)", schema = @Schema(type = SchemaType.STRING,
            enumeration = {"day", "host", "project", "model", "profile", "user", "session"}))
    public String groupBy;

    @QueryParam("hostId")
    @Parameter(description = "Only sessions on this host", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    public String hostId;

    @QueryParam("project")
    @Parameter(description = "Only sessions started in this directory")
    @Size(max = 4096) @Text
    public String project;

    @QueryParam("model")
    @Parameter(description = "Only usage of this model, as the agent reported it")
    @Size(max = 512) @Text
    public String model;

    @QueryParam("profile")
    @Parameter(description = "Only sessions started from this agent profile")
    @Size(max = 200) @Text
    public String profile;

    @QueryParam("user")
    @Parameter(description = "Only sessions this user started")
    @Size(max = 200) @Text
    public String user;

    @QueryParam("format")
    @Parameter(description = "csv answers text/csv, as Accept: text/csv does",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "csv"}))
    public String format;

    SpendDimension groupBy() {
        if (blank(groupBy)) {
            return SpendDimension.DAY;
        }
        SpendDimension dimension = SpendDimension.fromWire(groupBy);
        if (dimension == null) {
            throw new ProblemException(400, "groupBy must be day, host, project, model, profile, user or session");
        }
        return dimension;
    }

    SpendFilter filter(String visibleTo) {
        UUID host = null;
        if (!blank(hostId)) {
            try {
                host = UUID.fromString(hostId);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(400, "hostId must be a UUID");
            }
        }
        return new SpendFilter(host, orNull(project), orNull(model), orNull(profile), orNull(user), visibleTo);
    }

    LocalDate to(LocalDate today) {
        return blank(to) ? today : date("to", to);
    }

    LocalDate from(LocalDate to) {
        LocalDate first = blank(from) ? to.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (first.isAfter(to)) {
            throw new ProblemException(400, "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, to) >= SpendService.MAX_DAYS) {
            throw new ProblemException(400, "a report covers at most " + SpendService.MAX_DAYS + " days");
        }
        return first;
    }

    /** Whether the answer is CSV: {@code format=csv}, or no format and an Accept that prefers text/csv. */
    boolean csv(boolean acceptsCsvFirst) {
        if (blank(format)) {
            return acceptsCsvFirst;
        }
        return switch (format) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw new ProblemException(400, "format must be json or csv");
        };
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, name + " must be a date such as 2026-12-07");
        }
    }

    private static String orNull(String value) {
        return blank(value) ? null : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
