package dev.drover.hub.auth.rest;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.auth.service.CsrfTokens;
import dev.drover.hub.auth.service.LiveLoginCheck;
import dev.drover.hub.auth.service.LoginService;
import dev.drover.hub.auth.service.OidcConfig;
import dev.drover.hub.auth.service.OidcTenant;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.auth.service.SigningKeys;
import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.auth.service.TokenVerification;
import dev.drover.protocol.problem.Problem;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import jakarta.annotation.security.PermitAll;
import jakarta.json.JsonString;
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

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final int MAX_USER_AGENT = 300;

    private final LoginService logins;
    private final SigningKeys keys;
    private final CurrentIdentityAssociation identities;
    private final OidcConfig oidc;
    private final OidcSession oidcSession;

    public AuthResource(LoginService logins, SigningKeys keys, CurrentIdentityAssociation identities, OidcConfig oidc,
                        OidcSession oidcSession) {
        this.logins = logins;
        this.keys = keys;
        this.identities = identities;
        this.oidc = oidc;
        this.oidcSession = oidcSession;
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @APIResponseSchema(LoginResponse.class)
    public Uni<Response> login(@Valid @NotNull LoginRequest request, HttpServerRequest http) {
        return logins.login(request.username(), request.password(), http.remoteAddress().hostAddress(),
                        userAgent(http.getHeader("User-Agent")))
                .map(loggedIn -> signedIn(Response.ok(), loggedIn, isHttps(http)));
    }

    /** The OIDC provider people may sign in through; 404 when the hub has local accounts only. */
    @GET
    @Path("/oidc")
    @PermitAll
    @APIResponseSchema(OidcProviderView.class)
    public OidcProviderView oidcProvider() {
        if (!oidc.enabled()) {
            throw new NotFoundException("sign-in through an OIDC provider is not configured");
        }
        return new OidcProviderView(oidc.providerName(), OidcTenant.LOGIN_PATH);
    }

    /**
     * Sign-in through the OIDC provider (authorization code flow with PKCE, run by quarkus-oidc on
     * this path only). Once the provider has signed the person in, the hub opens its own login
     * session as for a password and sends the browser to the UI with the same cookies; a refused
     * person (no mapped group, disabled account) is sent to the login page with the reason.
     */
    @GET
    @Path("/oidc/login")
    @PermitAll
    @APIResponse(responseCode = "303", description = "Signed in (cookies set, to the UI) or refused (to the login page with the reason)")
    @APIResponse(responseCode = "302", description = "Not signed in at the provider yet: to the provider's sign-in page")
    public Uni<Response> oidcLogin(@Context HttpServerRequest http) {
        if (!oidc.enabled()) {
            return Uni.createFrom().failure(new NotFoundException("sign-in through an OIDC provider is not configured"));
        }
        return identities.getDeferredIdentity()
                .chain(identity -> {
                    if (!(identity.getPrincipal() instanceof JsonWebToken idToken)
                            || identity.getCredential(IdTokenCredential.class) == null) {
                        return Uni.createFrom().failure(ProblemException.unauthorized("not signed in at the provider"));
                    }
                    LoginService.OidcPerson person = new LoginService.OidcPerson(idToken.getIssuer(), idToken.getSubject(),
                            name(idToken), idToken.getClaim(oidc.roleClaim()));
                    return logins.login(person, http.remoteAddress().hostAddress(), userAgent(http.getHeader("User-Agent")))
                            .map(loggedIn -> signedIn(Response.seeOther(URI.create("/")), loggedIn, isHttps(http)))
                            .onFailure(NotPermittedException.class).recoverWithItem(refused -> Response
                                    .seeOther(URI.create("/login?error=" + URLEncoder.encode(refused.getMessage(), StandardCharsets.UTF_8)))
                                    .build())
                            .call(oidcSession::logout);
                });
    }

    /** The name the provider gives the person: the configured claim, else the e-mail address, else the subject. */
    private String name(JsonWebToken idToken) {
        return Stream.of(oidc.usernameClaim(), "email")
                .map(idToken::getClaim)
                .filter(Objects::nonNull)
                .map(value -> value instanceof JsonString json ? json.getString() : value.toString())
                .findFirst()
                .orElse(idToken.getSubject());
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

    /** {@code response} with the login's body and its two cookies. */
    private Response signedIn(Response.ResponseBuilder response, LoginService.LoggedIn loggedIn, boolean https) {
        Account account = loggedIn.account();
        TokenIssuer.Issued issued = loggedIn.token();
        LoginResponse body = new LoginResponse(issued.token(), issued.expiresAt(),
                account.passwordChangeRequired
                        ? new UserView(account.username, List.of(), true)
                        : new UserView(account.username, Arrays.asList(account.roles), false));
        return response.entity(body)
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
