package dev.drover.hub.auth.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.auth.service.LiveLoginCheck;
import dev.drover.hub.auth.service.LoginService;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** The signed-in person: who they are, and their password. */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER, LiveLoginCheck.PASSWORD_CHANGE_ONLY})
public class MeResource {

    private final SecurityIdentity identity;
    private final LoginService logins;

    public MeResource(SecurityIdentity identity, LoginService logins) {
        this.identity = identity;
        this.logins = logins;
    }

    @GET
    @APIResponseSchema(UserView.class)
    public UserView me() {
        boolean passwordChangeRequired = identity.hasRole(LiveLoginCheck.PASSWORD_CHANGE_ONLY);
        return new UserView(identity.getPrincipal().getName(),
                identity.getRoles().stream().filter(role -> !role.equals(LiveLoginCheck.PASSWORD_CHANGE_ONLY)).sorted().toList(),
                passwordChangeRequired);
    }

    /**
     * Changes the caller's password. Throttled like a sign-in; every other login of the account
     * ends, this one stays (with all its rights once a one-time password is replaced).
     */
    @PUT
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "204", description = "Changed; the account's other logins have ended")
    public Uni<Void> changePassword(@Valid @NotNull ChangePasswordRequest request) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().failure(new NotPermittedException("sign in with your password to change it, not with an API token"));
        }
        return logins.changePassword(identity.getPrincipal().getName(), LiveLoginCheck.tokenId(token),
                request.currentPassword(), request.newPassword());
    }
}
