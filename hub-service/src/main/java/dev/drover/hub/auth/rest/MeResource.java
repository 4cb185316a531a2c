package dev.drover.hub.auth.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;


@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MeResource {

    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public UserView me() {
        return new UserView(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList());
    }
}
