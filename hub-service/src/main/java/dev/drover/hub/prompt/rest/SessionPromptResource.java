package dev.drover.hub.prompt.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.prompt.service.PromptDeliveries;
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

import java.util.List;
import java.util.UUID;

/** A session's prompt history (its own class: JAX-RS picks the resource by its longest literal path). */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/sessions/{id}/prompts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class SessionPromptResource {

    private final PromptDeliveries prompts;
    private final SecurityIdentity identity;

    public SessionPromptResource(PromptDeliveries prompts, SecurityIdentity identity) {
        this.prompts = prompts;
        this.identity = identity;
    }

    /** The prompts a session was sent (at most 200, newest first), with how each delivery went. */
    @GET
    @APIResponseSchema(SessionPromptView[].class)
    public Uni<List<SessionPromptView>> ofSession(@PathParam("id") UUID id) {
        return prompts.ofSession(id, SessionCaller.of(identity)).map(found -> found.stream().map(SessionPromptView::of).toList());
    }
}
