package dev.drover.hub.budget.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.budget.service.BudgetService;
import dev.drover.hub.budget.service.Limit;
import dev.drover.hub.session.rest.SessionView;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.validation.UsdAmount;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.UUID;

/** A live session's own budget: set by an admin or by the operator who started the session. */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/sessions/{id}/budget")
@Produces(MediaType.APPLICATION_JSON)
public class SessionBudgetResource {

    private final BudgetService budgets;
    private final SecurityIdentity identity;

    private final AuditTrail audit;

    public SessionBudgetResource(BudgetService budgets, SecurityIdentity identity, AuditTrail audit) {
        this.budgets = budgets;
        this.identity = identity;
        this.audit = audit;
    }

    /**
     * Sets the session's budget (both fields null removes it) and checks it at once: a budget the
     * session already spent stops it. Its 80 % warning and 100 % stop happen again for the new budget.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponseSchema(SessionView.class)
    public Uni<SessionView> set(@PathParam("id") UUID id, @Valid @NotNull SessionBudgetRequest request) {
        Limit limit = new Limit(UsdAmount.positiveNanoUsd("costUsd", request.costUsd()), request.tokens());
        return budgets.setSessionBudget(id, limit, SessionCaller.of(identity))
                .call(() -> audit.record(Actor.of(identity), AuditActions.BUDGET_CHANGED, "session:" + id,
                        BudgetDetail.of("session", null, null, null, request.costUsd(), request.tokens())))
                .map(SessionView::of);
    }
}
