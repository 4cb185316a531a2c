package dev.drover.hub.auth.rest;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.auth.service.CsrfTokens;
import dev.drover.hub.auth.service.LiveLoginCheck;
import dev.drover.hub.auth.service.LoginService;
import dev.drover.hub.auth.service.SigningKeys;
import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.auth.service.TokenVerification;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final int MAX_USER_AGENT = 300;

    private final LoginService logins;
    private final SigningKeys keys;
    private final CurrentIdentityAssociation identities;

    public AuthResource(LoginService logins, SigningKeys keys, CurrentIdentityAssociation identities) {
        this.logins = logins;
        this.keys = keys;
        this.identities = identities;
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @APIResponseSchema(LoginResponse.class)
    public Uni<Response> login(@Valid @NotNull LoginRequest request, HttpServerRequest http) {
        return logins.login(request.username(), request.password(), http.remoteAddress().hostAddress(),
                        userAgent(http.getHeader("User-Agent")))
                .map(loggedIn -> signedIn(loggedIn, isHttps(http)));
    }

    /** Ends the caller's login session (its token is refused from now on) and clears the cookies. */
    @POST
    @Path("/logout")
    @PermitAll
    @APIResponse(responseCode = "204", description = "Signed out; both cookies cleared")
    public Uni<Response> logout(@Context HttpServerRequest http) {
        boolean https = isHttps(http);
        Response cleared = Response.noContent()
                .cookie(cookie(TokenVerification.COOKIE, "", Instant.EPOCH, true, https),
                        cookie(CsrfTokens.COOKIE, "", Instant.EPOCH, false, https))
                .build();
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(identity -> {
                    UUID loginSession = identity != null && identity.getPrincipal() instanceof JsonWebToken token
                            ? LiveLoginCheck.tokenId(token) : null;
                    return loginSession == null ? Uni.createFrom().voidItem() : logins.logout(loginSession);
                })
                .replaceWith(cleared);
    }

    @GET
    @Path("/jwks")
    @PermitAll
    @APIResponse(responseCode = "200", description = "The hub's public keys as a JSON Web Key Set")
    public Map<String, List<Map<String, String>>> jwks() {
        return Map.of("keys", List.of(keys.jwk()));
    }

    private Response signedIn(LoginService.LoggedIn loggedIn, boolean https) {
        Account account = loggedIn.account();
        TokenIssuer.Issued issued = loggedIn.token();
        LoginResponse body = new LoginResponse(issued.token(), issued.expiresAt(),
                account.passwordChangeRequired
                        ? new UserView(account.username, List.of(), true)
                        : new UserView(account.username, Arrays.asList(account.roles), false));
        return Response.ok(body)
                .cookie(cookie(TokenVerification.COOKIE, issued.token(), issued.expiresAt(), true, https),
                        cookie(CsrfTokens.COOKIE, CsrfTokens.forSession(issued.token()), issued.expiresAt(), false, https))
                .build();
    }

    /** The session cookie (HttpOnly) or the CSRF cookie the page reads to send its header. */
    private static NewCookie cookie(String name, String value, Instant expiresAt, boolean httpOnly, boolean secure) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .httpOnly(httpOnly)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) maxAge)
                .build();
    }

    /** The browser's {@code User-Agent}, at most {@value #MAX_USER_AGENT} characters; null without one. */
    private static String userAgent(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String printable = header.replaceAll("\\p{Cntrl}", "");
        return printable.length() <= MAX_USER_AGENT ? printable : printable.substring(0, MAX_USER_AGENT);
    }

    private static boolean isHttps(HttpServerRequest http) {
        return "https".equalsIgnoreCase(http.scheme());
    }
}
