package dev.drover.hub.session.rest;

import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.session.repository.SessionFilter;
import dev.drover.hub.session.repository.SessionState;
import dev.drover.hub.validation.Text;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The session list's query: filters, search and paging. Numbers and ids arrive as text so that a
 * malformed one is a 400 naming it (JAX-RS would answer 404).
 */
public class SessionListParams {

    /** The most sessions one page holds. */
    public static final int MAX_LIMIT = 200;
    /** The most words a search takes. */
    public static final int MAX_WORDS = 20;

    @QueryParam("hostId")
    @Parameter(description = "Only sessions on this host", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    public String hostId;

    @QueryParam("state")
    @Parameter(description = "Only sessions in this state",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"starting", "running", "exited", "failed", "lost"}))
    public String state;

    @QueryParam("profile")
    @Parameter(description = "Only sessions started from this agent profile")
    @Size(max = 200) @Text
    public String profile;

    @QueryParam("project")
    @Parameter(description = "Only sessions started in this directory")
    @Size(max = 4096) @Text
    public String project;

    @QueryParam("createdBy")
    @Parameter(description = "Only sessions this user started")
    @Size(max = 200) @Text
    public String createdBy;

    @QueryParam("q")
    @Parameter(description = "Words (at most 20, separated by spaces) that must all appear, ignoring case, in the "
            + "task, the command line, the directories or the shell's last command")
    @Size(max = 500) @Text
    public String q;

    @QueryParam("ended")
    @Parameter(description = "Whether sessions that ended (neither starting nor running) are listed; default include",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"include", "exclude"}))
    public String ended;

    @QueryParam("limit")
    @Parameter(description = "The most sessions to answer, 1 to 200; without it every matching session",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
    public String limit;

    @QueryParam("page")
    @Parameter(description = "Which page of `limit` sessions, from 1 (needs limit)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    public String page;

    SessionFilter filter() {
        List<String> words = q == null ? List.of() : Arrays.stream(q.strip().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
        if (words.size() > MAX_WORDS) {
            throw new ProblemException(400, "q must have at most " + MAX_WORDS + " words");
        }
        return new SessionFilter(blank(hostId) ? null : parseHostId(hostId), blank(state) ? null : parseState(state),
                blank(profile) ? null : profile, blank(project) ? null : project, blank(createdBy) ? null : createdBy,
                words, includeEnded(), null);
    }

    /** The page size, null for the whole list. */
    Integer limit() {
        if (blank(limit)) {
            if (!blank(page)) {
                throw new ProblemException(400, "page needs a limit");
            }
            return null;
        }
        return number("limit", limit, 1, MAX_LIMIT);
    }

    /** 1-based. */
    int page() {
        return blank(page) ? 1 : number("page", page, 1, Integer.MAX_VALUE);
    }

    private boolean includeEnded() {
        if (blank(ended) || ended.equals("include")) {
            return true;
        }
        if (ended.equals("exclude")) {
            return false;
        }
        throw new ProblemException(400, "ended must be include or exclude");
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Answered below, as for a number out of range.
        }
        throw new ProblemException(400, name + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A malformed filter is the caller's mistake (400), not an absent resource (JAX-RS answers 404). */
    private static UUID parseHostId(String hostId) {
        try {
            return UUID.fromString(hostId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "hostId must be a UUID");
        }
    }

    private static SessionState parseState(String state) {
        try {
            return SessionState.fromWire(state);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "state must be one of " + Arrays.stream(SessionState.values())
                    .map(SessionState::wire)
                    .toList());
        }
    }
}
