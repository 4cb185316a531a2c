package dev.drover.hub.session.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.session.repository.SessionState;
import dev.drover.hub.session.service.SessionService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class SessionResource {

    private final SessionService sessions;
    private final SecurityIdentity identity;

    public SessionResource(SessionService sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @ResponseStatus(201)
    public Uni<SessionView> spawn(@Valid @NotNull SpawnRequest request) {
        return sessions.spawn(request, identity.getPrincipal().getName());
    }

    @GET
    public Uni<List<SessionView>> list(@QueryParam("hostId") UUID hostId, @QueryParam("state") String state) {
        return sessions.list(hostId, state == null || state.isBlank() ? null : parseState(state));
    }

    @GET
    @Path("/{id}")
    public Uni<SessionView> get(@PathParam("id") UUID id) {
        return sessions.get(id);
    }

    @POST
    @Path("/{id}/stop")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @ResponseStatus(202)
    public Uni<SessionView> stop(@PathParam("id") UUID id) {
        return sessions.stop(id, identity.getPrincipal().getName());
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
