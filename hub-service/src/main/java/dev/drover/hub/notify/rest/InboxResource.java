package dev.drover.hub.notify.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.notify.repository.NotificationRepository;
import dev.drover.hub.notify.service.Inbox;
import dev.drover.hub.session.service.SessionAccess;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.List;
import java.util.stream.Collectors;

/** The signed-in person's inbox of sessions that need someone (ADR 0024). */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class InboxResource {

    private final Inbox inbox;
    private final SessionAccess access;
    private final SecurityIdentity identity;

    public InboxResource(Inbox inbox, SessionAccess access, SecurityIdentity identity) {
        this.inbox = inbox;
        this.access = access;
        this.identity = identity;
    }

    /** The running sessions the caller sees whose agents wait for a person (approval or answer), longest waiting first. */
    @GET
    @APIResponseSchema(InboxItemView[].class)
    public Uni<List<InboxItemView>> inbox() {
        SessionCaller caller = SessionCaller.of(identity);
        return inbox.of(caller.username()).chain(found -> access.visibleAmong(
                        found.stream().map(NotificationRepository.Waiting::sessionId).collect(Collectors.toSet()), caller)
                .map(visible -> found.stream().filter(waiting -> visible.contains(waiting.sessionId()))
                        .map(InboxItemView::of).toList()));
    }
}
