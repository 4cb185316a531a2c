package dev.drover.hub.notify.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.notify.service.Inbox;
import dev.drover.hub.session.service.SessionAccess;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.UUID;

/** Muting a session for the signed-in person: no notification of it, not counted; still in the inbox, marked muted (ADR 0024). */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/sessions/{id}/mute")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class SessionMuteResource {

    private final Inbox inbox;
    private final SessionAccess access;
    private final SecurityIdentity identity;

    public SessionMuteResource(Inbox inbox, SessionAccess access, SecurityIdentity identity) {
        this.inbox = inbox;
        this.access = access;
        this.identity = identity;
    }

    @PUT
    @ResponseStatus(204)
    @APIResponse(responseCode = "204", description = "Muted")
    public Uni<Void> mute(@PathParam("id") UUID id) {
        return access.visible(id, SessionCaller.of(identity))
                .chain(() -> inbox.mute(identity.getPrincipal().getName(), id, true));
    }

    @DELETE
    @ResponseStatus(204)
    @APIResponse(responseCode = "204", description = "No longer muted")
    public Uni<Void> unmute(@PathParam("id") UUID id) {
        return access.visible(id, SessionCaller.of(identity))
                .chain(() -> inbox.mute(identity.getPrincipal().getName(), id, false));
    }
}
