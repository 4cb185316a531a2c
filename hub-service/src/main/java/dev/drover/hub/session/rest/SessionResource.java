package dev.drover.hub.session.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.protocol.problem.Problem;
import dev.drover.hub.session.repository.SessionFilter;
import dev.drover.hub.session.service.ActivityHistory;
import dev.drover.hub.session.service.HostedSession;
import dev.drover.hub.session.service.SessionAccess;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.session.service.SessionRights;
import dev.drover.hub.session.service.SessionService;
import dev.drover.hub.session.service.SessionSpec;
import dev.drover.hub.validation.UsdAmount;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class SessionResource {

    static final String TOTAL_COUNT = "X-Total-Count";
    static final String HIDDEN_ENDED_COUNT = "X-Hidden-Ended-Count";

    private final SessionService sessions;
    private final ActivityHistory activity;
    private final SessionAccess access;
    private final SecurityIdentity identity;
    private final AuditTrail audit;

    public SessionResource(SessionService sessions, ActivityHistory activity, SessionAccess access,
            SecurityIdentity identity, AuditTrail audit) {
        this.sessions = sessions;
        this.activity = activity;
        this.access = access;
        this.identity = identity;
        this.audit = audit;
    }

    private SessionCaller caller() {
        return SessionCaller.of(identity);
    }

    /** Fails with 404 unless the caller sees session {@code id}, with 403 unless they also have {@code needed}. */
    private Uni<Void> require(UUID id, SessionRights needed) {
        return access.requiring(id, caller(), needed).replaceWithVoid();
    }

    /** Null for admins, who see every session; else the caller's user name. */
    private String visibleTo() {
        SessionCaller caller = caller();
        return caller.admin() ? null : caller.username();
    }

    /**
     * Starts a session. By default answers 201 once it runs; with {@code Prefer: respond-async}
     * answers 202 with the starting session at once (its {@code spawnStep} shows the progress).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponse(responseCode = "201", description = "The session, running",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "202", description = "The session, starting (with Prefer: respond-async)",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    public Uni<RestResponse<SessionView>> spawn(@Valid @NotNull SpawnRequest request, @HeaderParam("Prefer") String prefer) {
        boolean async = respondAsync(prefer);
        return started(sessions.spawn(spec(request), identity.getPrincipal().getName(), !async), async);
    }

    /** Starts a new session resuming this one's agent conversation (same host, profile, directory and task). */
    @POST
    @Path("/{id}/resume")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponse(responseCode = "201", description = "The session, running",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "202", description = "The session, starting (with Prefer: respond-async)",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    public Uni<RestResponse<SessionView>> resume(@PathParam("id") UUID id, @HeaderParam("Prefer") String prefer) {
        boolean async = respondAsync(prefer);
        return require(id, SessionRights.TYPE)
                .chain(() -> started(sessions.resume(id, identity.getPrincipal().getName(), !async), async));
    }

    /** Opens a shell next to this session: same host, in its worktree or working directory, listed with it. */
    @POST
    @Path("/{id}/companion")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponse(responseCode = "201", description = "The session, running",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "202", description = "The session, starting (with Prefer: respond-async)",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    public Uni<RestResponse<SessionView>> companion(@PathParam("id") UUID id, @HeaderParam("Prefer") String prefer) {
        boolean async = respondAsync(prefer);
        return require(id, SessionRights.TYPE)
                .chain(() -> started(sessions.companion(id, identity.getPrincipal().getName(), !async), async));
    }

    /** Changes the session's task description. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponseSchema(SessionView.class)
    public Uni<SessionView> update(@PathParam("id") UUID id, @Valid @NotNull UpdateSessionRequest request) {
        return require(id, SessionRights.TYPE)
                .chain(() -> sessions.updateTask(id, request.task()))
                .map(SessionView::of);
    }

    private static SessionSpec spec(SpawnRequest request) {
        return new SessionSpec(request.hostId(), request.profile(), request.mode(), request.command(), request.cwd(),
                request.agentSessionId(), request.prompt(), request.task(), request.worktree(), request.cols(),
                request.rows(), UsdAmount.positiveNanoUsd("budgetUsd", request.budgetUsd()), request.budgetTokens());
    }

    /** 202 for a session answered while it starts, 201 for one that runs; audited as {@code session.spawned}. */
    private Uni<RestResponse<SessionView>> started(Uni<HostedSession> session, boolean async) {
        return session.call(started -> audit.record(Actor.of(identity), AuditActions.SESSION_SPAWNED,
                        "session:" + started.session().id, spawned(started)))
                .map(started -> RestResponse.status(async ? RestResponse.Status.ACCEPTED : RestResponse.Status.CREATED,
                SessionView.of(started)));
    }

    private static Map<String, Object> spawned(HostedSession started) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("host", started.hostName());
        detail.put("profile", started.session().profile);
        detail.put("mode", started.session().mode);
        if (started.session().cwd != null) {
            detail.put("cwd", started.session().cwd);
        }
        if (started.session().resumedFrom != null) {
            detail.put("resumedFrom", started.session().resumedFrom.toString());
        }
        if (started.session().parentId != null) {
            detail.put("parent", started.session().parentId.toString());
        }
        return detail;
    }

    private static boolean respondAsync(String prefer) {
        return prefer != null && Arrays.stream(prefer.split(","))
                .map(String::strip)
                .anyMatch(preference -> preference.equalsIgnoreCase("respond-async"));
    }

    /**
     * The sessions matching the filters, newest first. With {@code limit}, one page of them; the
     * {@code X-Total-Count} header says how many match in all, {@code X-Hidden-Ended-Count} how many
     * more match but ended (with {@code ended=exclude}), and {@code Link} names the next and previous pages.
     */
    @GET
    @APIResponse(responseCode = "200", description = "The sessions, newest first",
            content = @Content(schema = @Schema(implementation = SessionView[].class)),
            headers = {
                    @Header(name = TOTAL_COUNT, description = "How many sessions match, on every page",
                            schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = HIDDEN_ENDED_COUNT,
                            description = "How many more sessions match but ended (0 unless ended=exclude)",
                            schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "Link", description = "RFC 8288 links to the next and previous pages",
                            schema = @Schema(type = SchemaType.STRING))})
    public Uni<RestResponse<List<SessionView>>> list(@Valid @BeanParam SessionListParams params, @Context UriInfo uri) {
        SessionFilter filter = params.filter().visibleTo(visibleTo());
        Integer limit = params.limit();
        int page = params.page();
        int offset = limit == null ? 0 : Math.toIntExact(Math.min((long) (page - 1) * limit, Integer.MAX_VALUE));
        return sessions.list(filter, limit, offset)
                .map(found -> {
                    var response = RestResponse.ResponseBuilder.ok(found.sessions().stream().map(SessionView::of).toList())
                            .header(TOTAL_COUNT, found.total())
                            .header(HIDDEN_ENDED_COUNT, found.hiddenEnded());
                    String links = limit == null ? "" : links(uri, page, (long) page * limit < found.total());
                    return links.isEmpty() ? response.build() : response.header("Link", links).build();
                });
    }

    /** The values the list's filters can take: every host, profile, directory and user the caller's sessions have. */
    @GET
    @Path("/facets")
    @APIResponseSchema(SessionFacetsView.class)
    public Uni<SessionFacetsView> facets() {
        return sessions.facets(visibleTo()).map(SessionFacetsView::of);
    }

    private static String links(UriInfo uri, int page, boolean more) {
        StringJoiner links = new StringJoiner(", ");
        if (more) {
            links.add(link(uri, page + 1, "next"));
        }
        if (page > 1) {
            links.add(link(uri, page - 1, "prev"));
        }
        return links.toString();
    }

    private static String link(UriInfo uri, int page, String relation) {
        URI target = uri.getRequestUriBuilder().replaceQueryParam("page", page).build();
        return "<" + target.getRawPath() + "?" + target.getRawQuery() + ">; rel=\"" + relation + "\"";
    }

    @GET
    @Path("/{id}")
    @APIResponseSchema(SessionView.class)
    public Uni<SessionView> get(@PathParam("id") UUID id) {
        return require(id, SessionRights.VIEW)
                .chain(() -> sessions.get(id))
                .map(SessionView::of);
    }

    /** What the session's agent did: its latest activity transitions (at most 500), oldest first. */
    @GET
    @Path("/{id}/activity")
    @APIResponseSchema(ActivityView[].class)
    public Uni<List<ActivityView>> activity(@PathParam("id") UUID id) {
        return require(id, SessionRights.VIEW)
                .chain(() -> activity.history(id))
                .map(found -> found.stream().map(ActivityView::of).toList());
    }

    /**
     * The session's visible screen as text, one line per row, from its daemon's terminal model (for
     * thumbnails; the terminal socket is the live view). 409 once the session ended.
     */
    @GET
    @Path("/{id}/screen")
    @APIResponseSchema(ScreenView.class)
    public Uni<ScreenView> screen(@PathParam("id") UUID id) {
        return require(id, SessionRights.VIEW).chain(() -> sessions.screen(id)).map(ScreenView::of);
    }

    @POST
    @Path("/{id}/stop")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @ResponseStatus(202)
    @APIResponseSchema(value = SessionView.class, responseCode = "202")
    public Uni<SessionView> stop(@PathParam("id") UUID id) {
        return require(id, SessionRights.TYPE)
                .chain(() -> sessions.stop(id, identity.getPrincipal().getName()))
                .call(stopped -> audit.record(Actor.of(identity), AuditActions.SESSION_STOPPED, "session:" + id,
                        Map.of("host", stopped.hostName())))
                .map(SessionView::of);
    }
}
