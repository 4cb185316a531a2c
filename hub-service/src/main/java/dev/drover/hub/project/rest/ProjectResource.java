package dev.drover.hub.project.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.protocol.problem.Problem;
import dev.drover.hub.project.service.ProjectService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.util.UUID;

/** A host's git repositories and their worktrees (docs/api/rest.md, "Projects"). */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/hosts/{hostId}/projects")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR, Role.VIEWER})
public class ProjectResource {

    private final ProjectService projects;

    public ProjectResource(ProjectService projects) {
        this.projects = projects;
    }

    @GET
    @APIResponseSchema(ProjectList.class)
    public Uni<ProjectList> list(@PathParam("hostId") UUID hostId, @QueryParam("q") String q) {
        return projects.list(hostId, q).map(ProjectList::of);
    }

    @POST
    @Path("/refresh")
    @RolesAllowed({Role.ADMIN, Role.OPERATOR})
    @Consumes(MediaType.WILDCARD)
    @APIResponseSchema(ProjectList.class)
    public Uni<ProjectList> refresh(@PathParam("hostId") UUID hostId) {
        return projects.refresh(hostId).map(ProjectList::of);
    }
}
