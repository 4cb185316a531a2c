package dev.drover.hub.host.rest;

import dev.drover.hub.auth.service.LiveLoginCheck;
import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.host.service.HostService;
import dev.drover.protocol.problem.Problem;
import dev.drover.hub.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.UUID;

/**
 * Where a daemon trades its join token for a host credential (the join token is the credential
 * here), and later that credential for a fresh one.
 */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class EnrollmentResource {

    private final HostService hosts;
    private final JsonWebToken credential;

    public EnrollmentResource(HostService hosts, JsonWebToken credential) {
        this.hosts = hosts;
        this.credential = credential;
    }

    @POST
    @APIResponseSchema(Enrollment.class)
    public Uni<Enrollment> enroll(@Valid @NotNull EnrollmentRequest request) {
        return hosts.enroll(request.joinToken(), request.hostname()).map(Enrollment::of);
    }

    /** A daemon trades its host credential (the bearer token) for a fresh one; no body. */
    @POST
    @Path("/renewal")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(TokenIssuer.HOST_ROLE)
    @APIResponseSchema(Enrollment.class)
    public Uni<Enrollment> renew() {
        UUID hostId;
        try {
            hostId = UUID.fromString(credential.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().failure(new ProblemException(403, "not a host credential"));
        }
        return hosts.renewCredential(hostId, LiveLoginCheck.tokenId(credential)).map(Enrollment::of);
    }
}
