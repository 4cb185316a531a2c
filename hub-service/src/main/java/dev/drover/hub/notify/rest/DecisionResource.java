package dev.drover.hub.notify.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.notify.repository.DecisionRepository;
import dev.drover.hub.notify.service.Approvals;
import dev.drover.hub.session.service.SessionAccess;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.session.service.SessionRights;
import dev.drover.protocol.problem.Problem;
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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final AuditTrail audit;

    public DecisionResource(Approvals approvals, SessionAccess access, SecurityIdentity identity, AuditTrail audit) {
        this.approvals = approvals;
        this.access = access;
        this.identity = identity;
        this.audit = audit;
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
                .call(decision -> audit.record(Actor.of(identity),
                        "allow".equals(request.decision()) ? AuditActions.APPROVAL_APPROVED : AuditActions.APPROVAL_DENIED,
                        "session:" + id, decisionDetail(decision)))
                .map(DecisionView::of);
    }

    /** The session's decisions (at most 500, the latest), oldest first. */
    @GET
    @APIResponseSchema(DecisionView[].class)
    public Uni<List<DecisionView>> decisions(@PathParam("id") UUID id) {
        return access.visible(id, SessionCaller.of(identity)).chain(() -> approvals.history(id)).map(found -> found.stream().map(DecisionView::of).toList());
    }

    /** How the decision reached the agent, what was decided on (when known) and the reason (when given). */
    private static Map<String, String> decisionDetail(DecisionRepository.Decision decision) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("via", decision.via());
        if (decision.detail() != null) {
            detail.put("asked", decision.detail());
        }
        if (decision.reason() != null) {
            detail.put("reason", decision.reason());
        }
        return detail;
    }
}
