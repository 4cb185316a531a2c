package dev.drover.hub.spend.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.spend.repository.SpendDimension;
import dev.drover.hub.spend.repository.SpendFilter;
import dev.drover.hub.spend.service.SpendService;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.LocalDate;
import java.util.List;

/**
 * What the fleet spent (docs/spend.md): by day, host, project, model, profile, user or session, as JSON or CSV, and
 * today, this week and this month. Every person's role reads it all, as it reads every session's usage.
 */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/spend")
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class SpendResource {

    static final String TEXT_CSV = "text/csv";

    private final SpendService spend;
    private final SecurityIdentity identity;

    public SpendResource(SpendService spend, SecurityIdentity identity) {
        this.spend = spend;
        this.identity = identity;
    }

    /** Null for admins, who see every session's spend; else the caller, who sees that of the sessions they see. */
    private String visibleTo() {
        SessionCaller caller = SessionCaller.of(identity);
        return caller.admin() ? null : caller.username();
    }

    /**
     * The spend of a range of days, one row per group, as JSON ({@code SpendReport}) or, with {@code format=csv} or
     * {@code Accept: text/csv}, as a CSV file of the rows.
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpendReportView.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    public Uni<RestResponse<Object>> report(@Valid @BeanParam SpendParams params, @Context HttpHeaders headers) {
        SpendDimension by = params.groupBy();
        SpendFilter filter = params.filter(visibleTo());
        LocalDate to = params.to(spend.today());
        LocalDate from = params.from(to);
        boolean csv = params.csv(prefersCsv(headers.getAcceptableMediaTypes()));
        return spend.report(by, filter, from, to)
                .map(report -> csv
                        ? RestResponse.ResponseBuilder.ok((Object) SpendCsv.of(report), TEXT_CSV + "; charset=utf-8")
                                .header("Content-Disposition", "attachment; filename=\"" + SpendCsv.fileName(report) + "\"")
                                .build()
                        : RestResponse.ResponseBuilder.ok((Object) SpendReportView.of(report), MediaType.APPLICATION_JSON)
                                .build());
    }

    /** Today, this week (from Monday) and this month so far, in the budget time zone. */
    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponseSchema(SpendSummaryView.class)
    public Uni<SpendSummaryView> summary() {
        return spend.summary(visibleTo()).map(SpendSummaryView::of);
    }

    /** Whether the caller's most preferred type is CSV (Accept lists are sorted by preference). */
    private static boolean prefersCsv(List<MediaType> acceptable) {
        return !acceptable.isEmpty() && acceptable.getFirst().isCompatible(MediaType.valueOf(TEXT_CSV))
                && !acceptable.getFirst().isWildcardType();
    }
}
