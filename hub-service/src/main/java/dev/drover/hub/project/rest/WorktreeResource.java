package dev.drover.hub.project.rest;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.project.service.ProjectService;
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

import java.util.UUID;

/** Actions on a host's session worktrees; listing them is part of its projects. */
@Path("/api/v1/hosts/{hostId}/worktrees")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN, Role.OPERATOR})
public class WorktreeResource {

    private final ProjectService projects;

    public WorktreeResource(ProjectService projects) {
        this.projects = projects;
    }

    /** Force-removes a worktree and its branch, whatever it holds; {@code confirm} must be its branch name. */
    @POST
    @Path("/discard")
    public Uni<Void> discard(@PathParam("hostId") UUID hostId, @Valid @NotNull DiscardWorktreeRequest request) {
        return projects.discard(hostId, request.path(), request.confirm());
    }
}
