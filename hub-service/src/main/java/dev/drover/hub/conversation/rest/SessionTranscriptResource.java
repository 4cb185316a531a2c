package dev.drover.hub.conversation.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.conversation.service.ConversationService;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.UUID;

/** The archived conversation of a Drover session (docs/conversations.md). */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/sessions/{id}/transcript")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class SessionTranscriptResource {

    private final ConversationService conversations;
    private final SecurityIdentity identity;

    public SessionTranscriptResource(ConversationService conversations, SecurityIdentity identity) {
        this.conversations = conversations;
        this.identity = identity;
    }

    /** The conversation of the session: 404 when it has none, or the caller may not see the session. */
    @GET
    @APIResponseSchema(ConversationView.class)
    public Uni<ConversationView> transcript(@PathParam("id") UUID id) {
        return conversations.ofSession(id, SessionCaller.of(identity)).map(ConversationView::of);
    }
}
