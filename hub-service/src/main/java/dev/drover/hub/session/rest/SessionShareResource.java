package dev.drover.hub.session.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.session.service.SessionSharing;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;
import java.util.UUID;

/** Whom a session is shared with (ADR 0028): read by whoever sees it, changed by its owner or an admin. */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/sessions/{id}/shares")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class SessionShareResource {

    private final SessionSharing sharing;
    private final SecurityIdentity identity;

    public SessionShareResource(SessionSharing sharing, SecurityIdentity identity) {
        this.sharing = sharing;
        this.identity = identity;
    }

    /** The people the session is shared with, by name. */
    @GET
    @APIResponseSchema(ShareView[].class)
    public Uni<List<ShareView>> list(@PathParam("id") UUID id) {
        return sharing.list(id, SessionCaller.of(identity)).map(shares -> shares.stream().map(ShareView::of).toList());
    }

    /** Shares the session with the account named {@code username}, or changes its access. */
    @PUT
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponseSchema(ShareView.class)
    public Uni<ShareView> share(@PathParam("id") UUID id, @PathParam("username") String username,
            @Valid @NotNull ShareRequest request) {
        return sharing.share(id, username, request.access(), SessionCaller.of(identity)).map(ShareView::of);
    }

    /** Stops sharing the session with {@code username}: their open terminals of it close. */
    @DELETE
    @Path("/{username}")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @ResponseStatus(204)
    @APIResponse(responseCode = "204", description = "No longer shared")
    public Uni<Void> unshare(@PathParam("id") UUID id, @PathParam("username") String username) {
        return sharing.unshare(id, username, SessionCaller.of(identity));
    }
}
