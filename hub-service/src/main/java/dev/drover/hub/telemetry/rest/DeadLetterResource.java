package dev.drover.hub.telemetry.rest;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.drover.hub.account.service.Role;
import dev.drover.protocol.problem.Problem;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.telemetry.repository.DeadLetterRepository.DeadLetter;
import dev.drover.hub.telemetry.service.TelemetryService;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.List;

/** The telemetry events the hub dead-lettered, newest first; admins only (they may name any session). */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/telemetry/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN)
public class DeadLetterResource {

    private static final int MAX_LIMIT = 1000;

    private final TelemetryService telemetry;

    public DeadLetterResource(TelemetryService telemetry) {
        this.telemetry = telemetry;
    }

    @GET
    @APIResponseSchema(DeadLetterView[].class)
    public Uni<List<DeadLetterView>> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return telemetry.deadLetters(limit).map(letters -> letters.stream().map(DeadLetterResource::view).toList());
    }

    private static DeadLetterView view(DeadLetter letter) {
        return new DeadLetterView(letter.eventId(), letter.sessionId(), letter.reason(),
                letter.receivedAt().toInstant(), usage(letter.event()));
    }

    private static DeadLetterView.Usage usage(byte[] stored) {
        try {
            TelemetryEvent event = TelemetryEvent.parseFrom(stored);
            if (!event.hasUsage()) {
                return null;
            }
            UsageDelta usage = event.getUsage();
            return new DeadLetterView.Usage(TelemetryService.escaped(usage.getModel()), usage.getInputTokens(),
                    usage.getOutputTokens(), usage.getCacheReadTokens(), usage.getCacheCreationTokens(),
                    usage.getCostNanoUsd(), TelemetryService.escaped(usage.getSource()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("dead letters hold the event as received, which always parses", e);
        }
    }
}
