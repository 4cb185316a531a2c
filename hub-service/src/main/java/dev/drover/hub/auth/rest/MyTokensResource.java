package dev.drover.hub.auth.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.auth.service.ApiTokens;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;
import java.util.UUID;

/** The caller's own API tokens. */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/me/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class MyTokensResource {

    private final SecurityIdentity identity;
    private final ApiTokens tokens;

    public MyTokensResource(SecurityIdentity identity, ApiTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    @GET
    @APIResponseSchema(ApiTokenView[].class)
    public Uni<List<ApiTokenView>> list() {
        return tokens.owner(identity.getPrincipal().getName())
                .chain(tokens::list)
                .map(found -> found.stream().map(ApiTokenView::of).toList());
    }

    /**
     * Creates a token and answers its secret, once. Only a login may create one (403 with an API
     * token: a token cannot outlive itself by making another).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @APIResponseSchema(value = ApiTokenCreated.class, responseCode = "201")
    public Uni<ApiTokenCreated> create(@Valid @NotNull CreateApiTokenRequest request) {
        if (identity.getAttribute(Actor.TOKEN_ID) != null) {
            return Uni.createFrom().failure(new NotPermittedException("API tokens are created by signing in, not with another token"));
        }
        return tokens.owner(identity.getPrincipal().getName())
                .chain(owner -> tokens.create(Actor.of(identity), owner, request.name(), request.role(), request.expiresAt()))
                .map(created -> new ApiTokenCreated(ApiTokenView.of(created.token()), created.secret()));
    }

    /** Revokes one of the caller's tokens at once; 404 for a token that is not theirs. */
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Revoked: its requests get 401, its sockets close with 1008 token revoked")
    public Uni<Void> revoke(@PathParam("id") UUID id) {
        return tokens.owner(identity.getPrincipal().getName())
                .chain(owner -> tokens.revoke(Actor.of(identity), owner, id));
    }
}
