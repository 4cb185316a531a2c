package dev.drover.hub.people.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.auth.rest.LoginView;
import dev.drover.hub.auth.service.LiveLoginCheck;
import dev.drover.hub.auth.service.OidcConfig;
import dev.drover.hub.people.service.PeopleService;
import io.quarkus.security.identity.SecurityIdentity;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.jwt.JsonWebToken;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** Local accounts, for admins only. */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN)
public class PeopleResource {

    private final PeopleService people;
    private final SecurityIdentity identity;

    private final OidcConfig oidc;

    public PeopleResource(PeopleService people, SecurityIdentity identity, OidcConfig oidc) {
        this.people = people;
        this.identity = identity;
        this.oidc = oidc;
    }

    @GET
    @APIResponseSchema(PersonView[].class)
    public Uni<List<PersonView>> list() {
        return people.list().map(found -> found.stream().map(this::view).toList());
    }

    /** 409 when the name is taken (in any case). */
    @POST
    @ResponseStatus(201)
    @APIResponseSchema(value = PersonCreated.class, responseCode = "201")
    public Uni<PersonCreated> create(@Valid @NotNull CreatePersonRequest request) {
        return people.create(Actor.of(identity), request.username(), request.role(), request.password())
                .map(created -> new PersonCreated(view(new PeopleService.Person(created.account(), null, 0)),
                        created.oneTimePassword()));
    }

    /** Changes the role and/or disables or enables; 409 when it would leave no enabled admin. */
    @PATCH
    @Path("/{id}")
    @APIResponseSchema(PersonView.class)
    public Uni<PersonView> update(@PathParam("id") UUID id, @NotNull UpdatePersonRequest request) {
        return people.update(Actor.of(identity), id, request.role(), request.disabled()).map(this::view);
    }

    /** Where the person is signed in: their live logins, newest first. */
    @GET
    @Path("/{id}/logins")
    @APIResponseSchema(LoginView[].class)
    public Uni<List<LoginView>> logins(@PathParam("id") UUID id) {
        UUID current = LiveLoginCheck.tokenId((JsonWebToken) identity.getPrincipal());
        return people.logins(id).map(found -> found.stream().map(login -> LoginView.of(login, current)).toList());
    }

    /** Ends one of the person's logins at once: its token is refused and its sockets close. */
    @DELETE
    @Path("/{id}/logins/{loginId}")
    @APIResponse(responseCode = "204", description = "Ended")
    public Uni<Void> endLogin(@PathParam("id") UUID id, @PathParam("loginId") UUID loginId) {
        return people.endLogin(id, loginId);
    }

    /** Ends every login of the person at once; they may sign in again (disable the account to stop that). */
    @DELETE
    @Path("/{id}/logins")
    @APIResponse(responseCode = "204", description = "Every login ended")
    public Uni<Void> endLogins(@PathParam("id") UUID id) {
        return people.endLogins(id);
    }

    /** Removes the account; 409 for the last enabled admin. */
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Removed; its logins have ended")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return people.delete(Actor.of(identity), id);
    }

    private PersonView view(PeopleService.Person person) {
        return PersonView.of(person, oidc.providerName());
    }
}
