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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;


/** The signed-in person's notification settings: their webhook, the sessions they muted (ADR 0024) and failed webhooks (ADR 0034). */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class NotificationSettingsResource {

    private final Inbox inbox;
    private final SecurityIdentity identity;

    public NotificationSettingsResource(Inbox inbox, SecurityIdentity identity) {
        this.inbox = inbox;
        this.identity = identity;
    }

    /** The person's webhook, muted sessions and failed webhook notifications. */
    @GET
    @APIResponseSchema(NotificationSettingsView.class)
    public Uni<NotificationSettingsView> settings() {
        String me = identity.getPrincipal().getName();
        return inbox.webhook(me).chain(webhook -> inbox.muted(me).chain(muted -> inbox.failedWebhooks(me)
                .map(failed -> new NotificationSettingsView(webhook.orElse(null), muted,
                        failed.stream().map(NotificationSettingsView.FailedWebhook::of).toList()))));
    }

    /** Sets the person's webhook (null removes it). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(NotificationSettingsView.class)
    public Uni<NotificationSettingsView> replace(@Valid @NotNull NotificationSettingsRequest request) {
        return inbox.setWebhook(identity.getPrincipal().getName(), request.webhookUrl()).chain(this::settings);
    }
}
