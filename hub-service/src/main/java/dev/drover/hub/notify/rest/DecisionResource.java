package dev.drover.hub.notify.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import dev.drover.hub.session.service.SessionAccess;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.session.service.SessionRights;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import dev.drover.hub.notify.service.Approvals;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;

import java.util.List;
import java.util.UUID;

/**
 * Allow or deny from Drover what a session's agent waits for, and the session's decisions (ADR 0024).
 * Deciding is typing into the session: admins and operators may, as they may type into its
 * terminal; viewers may not.
 */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/sessions/{id}/decisions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class DecisionResource {

    private final Approvals approvals;
    private final SessionAccess access;
    private final SecurityIdentity identity;

    public DecisionResource(Approvals approvals, SessionAccess access, SecurityIdentity identity) {
        this.approvals = approvals;
        this.access = access;
        this.identity = identity;
    }

    /**
     * Carries the decision to the agent (its held approval hook, else its profile's keys) and records
     * it; 409 when the agent waits for nobody or its daemon finds nothing to answer.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponseSchema(DecisionView.class)
    public Uni<DecisionView> decide(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return access.requiring(id, SessionCaller.of(identity), SessionRights.TYPE)
                .chain(() -> approvals.decide(id, "allow".equals(request.decision()), request.reason(),
                        identity.getPrincipal().getName()))
                .map(DecisionView::of);
    }

    /** The session's decisions (at most 500, the latest), oldest first. */
    @GET
    @APIResponseSchema(DecisionView[].class)
    public Uni<List<DecisionView>> decisions(@PathParam("id") UUID id) {
        return access.visible(id, SessionCaller.of(identity)).chain(() -> approvals.history(id)).map(found -> found.stream().map(DecisionView::of).toList());
    }
}
