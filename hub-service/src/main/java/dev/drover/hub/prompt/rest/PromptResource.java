package dev.drover.hub.prompt.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.prompt.service.PromptDeliveries;
import dev.drover.hub.prompt.service.PromptOrder;
import dev.drover.hub.session.service.SessionCaller;
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
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class PromptResource {

    private final PromptDeliveries prompts;
    private final SecurityIdentity identity;
    private final AuditTrail audit;

    public PromptResource(PromptDeliveries prompts, SecurityIdentity identity, AuditTrail audit) {
        this.prompts = prompts;
        this.identity = identity;
        this.audit = audit;
    }

    /**
     * Types a prompt into one or many sessions' agents, each when it is idle, never into one that
     * waits for an approval or an answer. Answers 202 at once with a delivery per session; follow them
     * with {@code GET /api/v1/prompts/{id}} or the event socket's {@code prompt-delivery} events.
     */
    @POST
    @Path("/prompts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @APIResponse(responseCode = "202", description = "The prompt, with a delivery per session",
            content = @Content(schema = @Schema(implementation = PromptView.class)))
    public Uni<RestResponse<PromptView>> send(@Valid @NotNull PromptRequest request) {
        PromptRequest.SelectionRequest selection = request.selection();
        PromptOrder order = new PromptOrder(request.text(), request.sessionIds(),
                selection == null ? null : new PromptOrder.Selection(selection.hostId(), selection.profile(),
                        selection.project(), selection.activity()),
                request.waitSeconds() == null ? null : Duration.ofSeconds(request.waitSeconds()));
        return prompts.send(order, SessionCaller.of(identity))
                .call(sent -> audit.record(Actor.of(identity), AuditActions.PROMPT_BROADCAST,
                        "sessions:" + sent.deliveries().size(), Map.of("prompt", sent.prompt().id.toString(),
                                "sessions", sent.deliveries().stream().map(delivery -> delivery.sessionId.toString()).toList(),
                                "bytes", order.text().getBytes(StandardCharsets.UTF_8).length)))
                .map(sent -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, PromptView.of(sent))
                        .location(URI.create("/api/v1/prompts/" + sent.prompt().id))
                        .build());
    }

    /** A prompt and where each of its deliveries stands; 404 unless the caller sent it or is an admin. */
    @GET
    @Path("/prompts/{id}")
    @APIResponseSchema(PromptView.class)
    public Uni<PromptView> get(@PathParam("id") UUID id) {
        return prompts.get(id, SessionCaller.of(identity)).map(PromptView::of);
    }
}
