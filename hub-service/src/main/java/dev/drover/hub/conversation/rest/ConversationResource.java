package dev.drover.hub.conversation.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.conversation.repository.ConversationFilter;
import dev.drover.hub.conversation.repository.ConversationRepository;
import dev.drover.hub.conversation.service.ConversationService;
import dev.drover.hub.error.InvalidException;
import dev.drover.hub.session.rest.SessionView;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The conversation archive (docs/conversations.md): list, browse, read, search and resume the agent
 * conversations the daemons collect. A conversation the caller may not see answers 404.
 */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class ConversationResource {

    static final String TOTAL_COUNT = "X-Total-Count";
    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "tool");

    private final ConversationService conversations;
    private final SecurityIdentity identity;
    private final AuditTrail audit;

    public ConversationResource(ConversationService conversations, SecurityIdentity identity, AuditTrail audit) {
        this.conversations = conversations;
        this.identity = identity;
        this.audit = audit;
    }

    private SessionCaller caller() {
        return SessionCaller.of(identity);
    }

    /** Null for admins, who see every conversation; else the caller's user name. */
    private String visibleTo() {
        SessionCaller caller = caller();
        return caller.admin() ? null : caller.username();
    }

    /** The conversations the caller may see, most recently active first; {@code q} keeps those with a matching message. */
    @GET
    @Path("/conversations")
    @APIResponse(responseCode = "200", description = "The conversations, most recently active first",
            content = @Content(schema = @Schema(implementation = ConversationView[].class)),
            headers = @Header(name = TOTAL_COUNT, description = "How many conversations match, on every page",
                    schema = @Schema(type = SchemaType.INTEGER)))
    public Uni<RestResponse<List<ConversationView>>> list(@QueryParam("hostId") UUID hostId, @QueryParam("project") String project,
            @QueryParam("agent") String agent, @QueryParam("user") String user, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("q") String q, @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("page") @DefaultValue("0") int page) {
        ConversationFilter filter = new ConversationFilter(visibleTo(), hostId, blank(project), blank(agent), blank(user),
                instant("from", from), instant("to", to), blank(q), null, null);
        return conversations.list(filter, bounded("limit", limit, 500), page("page", page))
                .map(found -> RestResponse.ResponseBuilder.ok(found.items().stream().map(ConversationView::of).toList())
                        .header(TOTAL_COUNT, found.total())
                        .build());
    }

    /** The hosts with conversations the caller may see, each with its projects and their numbers of conversations. */
    @GET
    @Path("/conversations/tree")
    @APIResponse(responseCode = "200", description = "Hosts by name, their projects",
            content = @Content(schema = @Schema(implementation = ConversationTreeView[].class)))
    public Uni<List<ConversationTreeView>> tree() {
        return conversations.tree(visibleTo()).map(rows -> {
            Map<UUID, ConversationTreeView> hosts = new LinkedHashMap<>();
            for (ConversationRepository.TreeRow row : rows) {
                hosts.computeIfAbsent(row.hostId(), id -> new ConversationTreeView(id.toString(), row.hostName(), new ArrayList<>()))
                        .projects().add(new ConversationTreeView.Project(row.project(), row.conversations()));
            }
            return List.copyOf(hosts.values());
        });
    }

    /** One conversation. */
    @GET
    @Path("/conversations/{id}")
    @APIResponseSchema(ConversationView.class)
    public Uni<ConversationView> get(@PathParam("id") UUID id) {
        return conversations.get(id, caller()).map(ConversationView::of);
    }

    /** A conversation's messages after seq {@code after}, in order (a live view asks again with the last seq it has). */
    @GET
    @Path("/conversations/{id}/messages")
    @APIResponse(responseCode = "200", description = "The messages, by seq",
            content = @Content(schema = @Schema(implementation = MessageView[].class)))
    public Uni<List<MessageView>> messages(@PathParam("id") UUID id, @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return conversations.messages(id, after, bounded("limit", limit, 5000), caller())
                .map(rows -> rows.stream().map(MessageView::of).toList());
    }

    /**
     * Starts a session on the conversation's host that resumes it (its profile's resume command with the
     * agent's session id, in its directory), linked to it: 201 with the session, starting; 409 while
     * another resume of it starts or runs.
     */
    @POST
    @Path("/conversations/{id}/resume")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponse(responseCode = "201", description = "The session, starting",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    public Uni<RestResponse<SessionView>> resume(@PathParam("id") UUID id) {
        return conversations.resume(id, caller())
                .call(started -> audit.record(Actor.of(identity), AuditActions.SESSION_SPAWNED, "session:" + started.session().id,
                        Map.of("host", String.valueOf(started.hostName()), "profile", started.session().profile, "mode",
                                started.session().mode, "conversation", id.toString())))
                .map(started -> RestResponse.status(RestResponse.Status.CREATED, SessionView.of(started)));
    }

    /**
     * Full-text search over the messages of the conversations the caller may see, best match first;
     * {@code q} takes web search syntax ({@code "exact phrase"}, {@code or}, {@code -not}).
     */
    @GET
    @Path("/search")
    @APIResponseSchema(SearchView.class)
    public Uni<SearchView> search(@QueryParam("q") String q, @QueryParam("hostId") UUID hostId, @QueryParam("project") String project,
            @QueryParam("agent") String agent, @QueryParam("user") String user, @QueryParam("role") String role,
            @QueryParam("tool") String tool, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("page") @DefaultValue("0") int page) {
        if (blank(q) == null) {
            throw new InvalidException("q: give the words to search for");
        }
        if (role != null && !ROLES.contains(role)) {
            throw new InvalidException("role: one of user, assistant, system, tool");
        }
        ConversationFilter filter = new ConversationFilter(visibleTo(), hostId, blank(project), blank(agent), blank(user),
                instant("from", from), instant("to", to), q.strip(), role, blank(tool));
        long started = System.nanoTime();
        return conversations.search(filter, bounded("limit", limit, 200), page("page", page))
                .map(found -> new SearchView(found.total(), (System.nanoTime() - started) / 1_000_000,
                        found.items().stream().map(SearchView.Hit::of).toList()));
    }

    private static int bounded(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidException(name + ": between 1 and " + max);
        }
        return value;
    }

    private static int page(String name, int value) {
        if (value < 0) {
            throw new InvalidException(name + ": 0 or more");
        }
        return value;
    }

    private static Instant instant(String name, String value) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidException(name + ": an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
