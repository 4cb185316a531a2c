package dev.drover.hub.notify.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import dev.drover.hub.notify.service.Inbox;
import jakarta.ws.rs.GET;

import java.util.List;

/** The signed-in person's inbox of sessions that need someone (ADR 0024). */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class InboxResource {

    private final Inbox inbox;
    private final SecurityIdentity identity;

    public InboxResource(Inbox inbox, SecurityIdentity identity) {
        this.inbox = inbox;
        this.identity = identity;
    }

    /** The running sessions whose agents wait for a person (approval or answer), longest waiting first. */
    @GET
    @APIResponseSchema(InboxItemView[].class)
    public Uni<List<InboxItemView>> inbox() {
        return inbox.of(identity.getPrincipal().getName()).map(found -> found.stream().map(InboxItemView::of).toList());
    }
}
