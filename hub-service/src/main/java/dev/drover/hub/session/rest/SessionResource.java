package dev.drover.hub.session.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.protocol.problem.Problem;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.session.repository.SessionState;
import dev.drover.hub.session.service.ActivityHistory;
import dev.drover.hub.session.service.HostedSession;
import dev.drover.hub.session.service.SessionService;
import dev.drover.hub.session.service.SessionSpec;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class SessionResource {

    private final SessionService sessions;
    private final ActivityHistory activity;
    private final SecurityIdentity identity;

    public SessionResource(SessionService sessions, ActivityHistory activity, SecurityIdentity identity) {
        this.sessions = sessions;
        this.activity = activity;
        this.identity = identity;
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
        return started(sessions.resume(id, identity.getPrincipal().getName(), !async), async);
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
        return started(sessions.companion(id, identity.getPrincipal().getName(), !async), async);
    }

    /** Changes the session's task description. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponseSchema(SessionView.class)
    public Uni<SessionView> update(@PathParam("id") UUID id, @Valid @NotNull UpdateSessionRequest request) {
        return sessions.updateTask(id, request.task()).map(SessionView::of);
    }

    private static SessionSpec spec(SpawnRequest request) {
        return new SessionSpec(request.hostId(), request.profile(), request.mode(), request.command(), request.cwd(),
                request.agentSessionId(), request.prompt(), request.task(), request.worktree(), request.cols(),
                request.rows());
    }

    /** 202 for a session answered while it starts, 201 for one that runs. */
    private static Uni<RestResponse<SessionView>> started(Uni<HostedSession> session, boolean async) {
        return session.map(started -> RestResponse.status(async ? RestResponse.Status.ACCEPTED : RestResponse.Status.CREATED,
                SessionView.of(started)));
    }

    private static boolean respondAsync(String prefer) {
        return prefer != null && Arrays.stream(prefer.split(","))
                .map(String::strip)
                .anyMatch(preference -> preference.equalsIgnoreCase("respond-async"));
    }

    @GET
    @APIResponseSchema(SessionView[].class)
    public Uni<List<SessionView>> list(@QueryParam("hostId") String hostId, @QueryParam("state") String state) {
        return sessions.list(hostId == null || hostId.isBlank() ? null : parseHostId(hostId),
                        state == null || state.isBlank() ? null : parseState(state))
                .map(found -> found.stream().map(SessionView::of).toList());
    }

    @GET
    @Path("/{id}")
    @APIResponseSchema(SessionView.class)
    public Uni<SessionView> get(@PathParam("id") UUID id) {
        return sessions.get(id).map(SessionView::of);
    }

    /** What the session's agent did: its latest activity transitions (at most 500), oldest first. */
    @GET
    @Path("/{id}/activity")
    @APIResponseSchema(ActivityView[].class)
    public Uni<List<ActivityView>> activity(@PathParam("id") UUID id) {
        return activity.history(id).map(found -> found.stream().map(ActivityView::of).toList());
    }

    @POST
    @Path("/{id}/stop")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @ResponseStatus(202)
    @APIResponseSchema(value = SessionView.class, responseCode = "202")
    public Uni<SessionView> stop(@PathParam("id") UUID id) {
        return sessions.stop(id, identity.getPrincipal().getName()).map(SessionView::of);
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
