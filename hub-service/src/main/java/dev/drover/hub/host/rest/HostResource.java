package dev.drover.hub.host.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.host.repository.Host;
import dev.drover.hub.host.service.HostService;
import dev.drover.protocol.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Map;
import java.util.UUID;

@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/hosts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class HostResource {

    private final HostService hosts;
    private final AuditTrail audit;
    private final SecurityIdentity identity;

    public HostResource(HostService hosts, AuditTrail audit, SecurityIdentity identity) {
        this.hosts = hosts;
        this.audit = audit;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Role.ADMIN)
    @ResponseStatus(201)
    @APIResponseSchema(value = HostCreated.class, responseCode = "201")
    public Uni<HostCreated> create(@Valid @NotNull CreateHostRequest request) {
        return hosts.create(request.name().strip())
                .call(created -> audited(AuditActions.HOST_CREATED, created.host()))
                .map(created -> new HostCreated(view(created.host()), created.joinToken(), created.joinTokenExpiresAt()));
    }

    @GET
    @APIResponseSchema(HostView[].class)
    public Uni<List<HostView>> list() {
        return hosts.list()
                .map(found -> found.stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    @APIResponseSchema(HostView.class)
    public Uni<HostView> get(@PathParam("id") UUID id) {
        return hosts.get(id).map(this::view);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN)
    @APIResponseSchema(HostView.class)
    public Uni<HostView> update(@PathParam("id") UUID id, @NotNull UpdateHostRequest request) {
        return hosts.update(id, request.name(), request.labels()).map(this::view);
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Role.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @APIResponseSchema(HostView.class)
    public Uni<HostView> revoke(@PathParam("id") UUID id) {
        return hosts.revoke(id)
                .call(host -> audited(AuditActions.HOST_REVOKED, host))
                .map(this::view);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN)
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return hosts.delete(id)
                .call(() -> audit.record(Actor.of(identity), AuditActions.HOST_REMOVED, "host:" + id, Map.of()));
    }

    private Uni<Void> audited(String action, Host host) {
        return audit.record(Actor.of(identity), action, "host:" + host.id, Map.of("name", host.name));
    }

    private HostView view(Host host) {
        return HostView.of(host, hosts.online(host));
    }
}
