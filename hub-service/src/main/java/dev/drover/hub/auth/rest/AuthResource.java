package dev.drover.hub.auth.rest;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.auth.service.CsrfTokens;
import dev.drover.hub.auth.service.SigningKeys;
import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.auth.service.TokenVerification;
import dev.drover.hub.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final TokenIssuer tokens;
    private final SigningKeys keys;

    public AuthResource(AccountService accounts, TokenIssuer tokens, SigningKeys keys) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.keys = keys;
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Uni<Response> login(@Valid @NotNull LoginRequest request, HttpServerRequest http) {
        return accounts.authenticate(request.username(), request.password())
                .map(account -> account
                        .map(found -> signedIn(found, isHttps(http)))
                        .orElseThrow(() -> ProblemException.unauthorized("unknown user or wrong password")));
    }

    @POST
    @Path("/logout")
    @PermitAll
    public Response logout(HttpServerRequest http) {
        boolean https = isHttps(http);
        return Response.noContent()
                .cookie(cookie(TokenVerification.COOKIE, "", Instant.EPOCH, true, https),
                        cookie(CsrfTokens.COOKIE, "", Instant.EPOCH, false, https))
                .build();
    }

    @GET
    @Path("/jwks")
    @PermitAll
    public Map<String, List<Map<String, String>>> jwks() {
        return Map.of("keys", List.of(keys.jwk()));
    }

    private Response signedIn(Account account, boolean https) {
        List<String> roles = Arrays.asList(account.roles);
        TokenIssuer.Issued issued = tokens.forUser(account.username, Set.copyOf(roles));
        return Response.ok(new LoginResponse(issued.token(), issued.expiresAt(), new UserView(account.username, roles)))
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

    private static boolean isHttps(HttpServerRequest http) {
        return "https".equalsIgnoreCase(http.scheme());
    }
}
