package dev.drover.hub.people.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.auth.rest.ApiTokenView;
import dev.drover.hub.auth.service.ApiTokens;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.List;
import java.util.UUID;

/** Anyone's API tokens, for admins: list and revoke (only their owner creates them). */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/users/{id}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN)
public class PersonTokensResource {

    private final SecurityIdentity identity;
    private final ApiTokens tokens;

    public PersonTokensResource(SecurityIdentity identity, ApiTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    /** The account's tokens, revoked and expired ones included, newest first; 404 for an unknown account. */
    @GET
    @APIResponseSchema(ApiTokenView[].class)
    public Uni<List<ApiTokenView>> list(@PathParam("id") UUID id) {
        return tokens.owner(id)
                .chain(tokens::list)
                .map(found -> found.stream().map(ApiTokenView::of).toList());
    }

    /** Revokes the account's token at once; 404 for an unknown account or a token not its own. */
    @DELETE
    @Path("/{tokenId}")
    @APIResponse(responseCode = "204", description = "Revoked: its requests get 401, its sockets close with 1008 token revoked")
    public Uni<Void> revoke(@PathParam("id") UUID id, @PathParam("tokenId") UUID tokenId) {
        return tokens.owner(id).chain(owner -> tokens.revoke(Actor.of(identity), owner, tokenId));
    }
}
