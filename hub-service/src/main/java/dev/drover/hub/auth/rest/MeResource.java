package dev.drover.hub.auth.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.auth.service.LiveLoginCheck;
import dev.drover.hub.auth.service.LoginService;
import dev.drover.hub.auth.service.LoginSessions;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.List;
import java.util.UUID;

/** The signed-in person: who they are, their password, and where they are signed in. */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER, LiveLoginCheck.PASSWORD_CHANGE_ONLY})
public class MeResource {

    static final String ENDED_BY_SELF = "signed out from another login";

    private final SecurityIdentity identity;
    private final LoginService logins;
    private final LoginSessions sessions;

    public MeResource(SecurityIdentity identity, LoginService logins, LoginSessions sessions) {
        this.identity = identity;
        this.logins = logins;
        this.sessions = sessions;
    }

    /** The caller's login; {@link NotPermittedException} for an API token, which is no login. */
    private UUID currentLogin() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new NotPermittedException("sign in with your password for this, not with an API token");
        }
        return LiveLoginCheck.tokenId(token);
    }

    /** Where the caller is signed in: their live logins, newest first, this one marked {@code current}. */
    @GET
    @Path("/logins")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
    @APIResponseSchema(LoginView[].class)
    public Uni<List<LoginView>> myLogins() {
        UUID current = currentLogin();
        return sessions.accountOf(current).chain(sessions::of)
                .map(found -> found.stream().map(login -> LoginView.of(login, current)).toList());
    }

    /** Ends one of the caller's logins (another browser, a forgotten machine) at once; its sockets close. */
    @DELETE
    @Path("/logins/{loginId}")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
    @APIResponse(responseCode = "204", description = "Ended")
    public Uni<Void> endMyLogin(@PathParam("loginId") UUID loginId) {
        return sessions.accountOf(currentLogin()).chain(account -> sessions.endOne(account, loginId, ENDED_BY_SELF));
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
        return logins.changePassword(identity.getPrincipal().getName(), currentLogin(),
                request.currentPassword(), request.newPassword());
    }
}
