package dev.drover.hub.host.rest;

import dev.drover.hub.host.service.HostService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Where a daemon trades its join token for a host credential; the join token is the credential here. */
@Path("/api/v1/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class EnrollmentResource {

    private final HostService hosts;

    public EnrollmentResource(HostService hosts) {
        this.hosts = hosts;
    }

    @POST
    public Uni<Enrollment> enroll(@Valid @NotNull EnrollmentRequest request) {
        return hosts.enroll(request.joinToken(), request.hostname());
    }
}
