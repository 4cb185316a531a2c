package dev.drover.hub.host.rest;

import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.auth.service.LiveLoginCheck;
import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.host.service.HostService;
import dev.drover.hub.problem.ProblemException;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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

import java.util.Map;
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
    private final SecurityIdentity identity;

    private final AuditTrail audit;

    public EnrollmentResource(HostService hosts, SecurityIdentity identity, AuditTrail audit) {
        this.hosts = hosts;
        this.identity = identity;
        this.audit = audit;
    }

    @POST
    @APIResponseSchema(Enrollment.class)
    public Uni<Enrollment> enroll(@Valid @NotNull EnrollmentRequest request, HttpServerRequest http) {
        return hosts.enroll(request.joinToken(), request.hostname())
                .call(enrolled -> audit.record(Actor.claiming("host:" + enrolled.hostId(), http.remoteAddress().hostAddress()),
                        AuditActions.HOST_ENROLLED, "host:" + enrolled.hostId(), Map.of("hostname", request.hostname())))
                .map(Enrollment::of);
    }

    /** A daemon trades its host credential (the bearer token) for a fresh one; no body. */
    @POST
    @Path("/renewal")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(TokenIssuer.HOST_ROLE)
    @APIResponseSchema(Enrollment.class)
    public Uni<Enrollment> renew() {
        // the principal, not an injected JsonWebToken: quarkus-oidc's producer of that answers for its own tokens only
        JsonWebToken credential = (JsonWebToken) identity.getPrincipal();
        UUID hostId;
        try {
            hostId = UUID.fromString(credential.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().failure(new ProblemException(403, "not a host credential"));
        }
        return hosts.renewCredential(hostId, LiveLoginCheck.tokenId(credential)).map(Enrollment::of);
    }
}
