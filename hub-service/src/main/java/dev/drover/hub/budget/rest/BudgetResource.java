package dev.drover.hub.budget.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.budget.service.BudgetService;
import dev.drover.hub.budget.service.BudgetSubject;
import dev.drover.hub.budget.service.Limit;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.validation.UsdAmount;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Day budgets per user and per project (admins set them, everyone reads them) and the budget events. */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/budgets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class BudgetResource {

    private final BudgetService budgets;
    private final SecurityIdentity identity;

    private final AuditTrail audit;

    public BudgetResource(BudgetService budgets, SecurityIdentity identity, AuditTrail audit) {
        this.budgets = budgets;
        this.identity = identity;
        this.audit = audit;
    }

    /** Every day budget, with what its user or project spent today. */
    @GET
    @Path("/day")
    @APIResponseSchema(DayBudgetView[].class)
    public Uni<List<DayBudgetView>> dayBudgets() {
        return budgets.dayBudgets()
                .map(all -> all.stream().map(found -> DayBudgetView.of(found, budgets.timeZone())).toList());
    }

    /** Sets the day budget of a user or a project, replacing the one it had. */
    @PUT
    @Path("/day")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN)
    @APIResponseSchema(DayBudgetView.class)
    public Uni<DayBudgetView> setDayBudget(@Valid @NotNull DayBudgetRequest request) {
        Limit limit = new Limit(UsdAmount.positiveNanoUsd("costUsd", request.costUsd()), request.tokens());
        return budgets.setDayBudget(subject(request), limit, identity.getPrincipal().getName())
                .call(set -> audit.record(Actor.of(identity), AuditActions.BUDGET_CHANGED, "budget:" + set.budget().id,
                        BudgetDetail.of(request.scope(), request.user(), request.hostId(), request.path(),
                                request.costUsd(), request.tokens())))
                .map(found -> DayBudgetView.of(found, budgets.timeZone()));
    }

    @DELETE
    @Path("/day/{id}")
    @RolesAllowed(Role.ADMIN)
    @ResponseStatus(204)
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> removeDayBudget(@PathParam("id") UUID id) {
        return budgets.removeDayBudget(id)
                .call(() -> audit.record(Actor.of(identity), AuditActions.BUDGET_REMOVED, "budget:" + id, Map.of()));
    }

    /**
     * Budget events (80 % warnings, 100 % spent) after {@code since} (an ISO-8601 instant; default: the
     * last 24 hours), newest first, of one session or all, among the sessions the caller sees.
     */
    @GET
    @Path("/events")
    @APIResponseSchema(BudgetEventView[].class)
    public Uni<List<BudgetEventView>> events(@QueryParam("since") String since, @QueryParam("sessionId") UUID sessionId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return budgets.events(since(since), sessionId, limit, SessionCaller.of(identity))
                .map(found -> found.stream().map(BudgetEventView::of).toList());
    }

    private static OffsetDateTime since(String since) {
        if (since == null || since.isBlank()) {
            return OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        }
        try {
            return Instant.parse(since).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "since must be an ISO-8601 instant such as 2026-12-07T08:00:00Z");
        }
    }

    private static BudgetSubject subject(DayBudgetRequest request) {
        if (request.scope().equals("user")) {
            if (request.user() == null || request.hostId() != null || request.path() != null) {
                throw new ProblemException(400, "a user's day budget names user, and no hostId or path");
            }
            return new BudgetSubject.User(request.user());
        }
        if (request.hostId() == null || request.path() == null || request.user() != null) {
            throw new ProblemException(400, "a project's day budget names hostId and path, and no user");
        }
        return new BudgetSubject.Project(request.hostId(), request.path());
    }
}
