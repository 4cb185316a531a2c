package dev.drover.hub.project.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.protocol.problem.Problem;
import dev.drover.hub.project.service.ProjectService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.UUID;

/** Actions on a host's session worktrees; listing them is part of its projects. */
@APIResponse(responseCode = "default", description = "Problem details (RFC 9457)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Path("/api/v1/hosts/{hostId}/worktrees")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR})
public class WorktreeResource {

    private final ProjectService projects;
    private final SecurityIdentity identity;

    public WorktreeResource(ProjectService projects, SecurityIdentity identity) {
        this.projects = projects;
        this.identity = identity;
    }

    /**
     * Force-removes a worktree and its branch, whatever it holds; {@code confirm} must be its branch
     * name. Only an admin or whoever owns the worktree's session may (404 for a session the caller
     * may not see, 403 for one they only watch or type into).
     */
    @POST
    @Path("/discard")
    @APIResponse(responseCode = "204", description = "Discarded")
    public Uni<Void> discard(@PathParam("hostId") UUID hostId, @Valid @NotNull DiscardWorktreeRequest request) {
        return projects.discard(hostId, request.path(), request.confirm(), identity);
    }
}
